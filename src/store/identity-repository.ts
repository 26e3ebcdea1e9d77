/** The `appliance_identity` table (migration 036): the appliance's MAC address, fixed at first start. */
import type { Db } from './db.js';

export class IdentityRepository {
  private readonly selectOne;
  private readonly insertIfNew;

  constructor(db: Db) {
    this.selectOne = db.prepare<[string], { value: string }>('SELECT value FROM appliance_identity WHERE key = ?');
    this.insertIfNew = db.prepare('INSERT INTO appliance_identity (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  }

  /** The stored MAC address; at the first call ever, `choose()` decides it and it is stored. */
  mac(choose: () => string): string {
    const stored = this.selectOne.get('mac')?.value;
    if (stored !== undefined) return stored;
    this.insertIfNew.run('mac', choose());
    return this.selectOne.get('mac')?.value as string;
  }
}
