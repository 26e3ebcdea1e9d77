/**
 * Passwords typed at the terminal for the host command line (`ccmd user add jdoe` with no
 * --password, as SPEC §8's own example runs it): Node's readline in terminal mode (raw input,
 * its own line editing) with its output muted, so nothing typed is shown. The questions go to
 * stderr: stdout stays what the command answers (--json). One readline for all the questions,
 * so lines typed ahead are not lost between them.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { passwordQuestions, typedTwice, type TypedPassword } from '../domain/typed-password.js';

/** One answer per question, asked in turn; null when the user pressed ^C or ^D, or input ended. */
export function promptHidden(questions: readonly string[], input: NodeJS.ReadableStream = process.stdin,
  shown: NodeJS.WritableStream = process.stderr): Promise<string[] | null> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input, output: muted, terminal: true });
  const answers: string[] = [];
  shown.write(questions[0] ?? '');
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      answers.push(line);
      shown.write('\n');
      if (answers.length === questions.length) rl.close();
      else shown.write(questions[answers.length] ?? '');
    });
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (answers.length < questions.length) shown.write('\n');
      resolve(answers.length === questions.length ? answers : null);
    });
  });
}

/** Asks for a new password twice (the appliance CLI's questions); the password, or why there is none. */
export async function promptNewPassword(name: string): Promise<TypedPassword> {
  const typed = await promptHidden(passwordQuestions(name));
  return typedTwice(typed?.[0] ?? null, typed?.[1] ?? null);
}
