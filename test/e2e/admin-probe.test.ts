import { it } from 'vitest';
import { startDaemon } from '../support/daemon.js';
it('probe', async () => {
  const d = await startDaemon();
  const lines = ['SHOW PORT 3', 'SHOW SERVER', 'SHOW USER ALL', 'USER ADD jdoe PASSWORD=jdoe-pass1 ACCESS=P1-4,SMON', 'SHOW USER jdoe', 'PORT 2 SET NAME=router2 BAUD=115200 SHARE=AUTO', 'SHOW PORT 2', 'SERVER SHARE DISABLE', 'SERVER SECURITY LOCKOUT=2', 'SHOW SERVER', 'PORT 1 BREAK', 'USER FOO', 'SHOW SESSIONS'];
  for (const l of lines) { const r = await d.exec(l); console.log('>>> ' + l + '\n' + JSON.stringify(r.status) + '\n' + r.output); }
  const j = await d.exec('SHOW USER ALL', true); console.log(JSON.stringify(j.data));
  for (const a of [['user','list','--json'],['sessions','--json'],['exec','BOGUS'],['port','set','3','--share','auto'],['user','add','bob','--password-stdin']]) {
    const r = await d.cli(a, 'bob-pass12\n'); console.log('CLI', a.join(' '), r.code, r.stdout.slice(0,600), r.stderr.slice(0,300));
  }
  await d.stop();
}, 60000);
