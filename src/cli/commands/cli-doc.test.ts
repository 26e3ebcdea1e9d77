/**
 * Issue 13: docs/cli.md and the command list (index.ts) are kept in step. Every command has a
 * `### <KEYWORDS>` section holding its syntax exactly as HELP prints it, the right it needs and
 * an example; every section names a command that exists; every ERR of the catalogue is listed
 * with its text. A new command fails here until its section is written (see the template at the
 * top of docs/cli.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_ERRORS } from '../../domain/errors.js';
import { APPLIANCE_COMMANDS } from './index.js';

/** docs/cli.md without its HTML comments (the template for new sections is one). */
const DOC = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'cli.md'), 'utf8').replace(/<!--[\s\S]*?-->/g, '');

/** `['SESSION', '<id>', 'END']` → `SESSION END`: the keywords a user types, in order. */
function headingOf(path: readonly string[]): string {
  return path.filter((word) => !word.startsWith('<') && !word.startsWith('[')).join(' ');
}

/** The text of `### <heading>` up to the next heading of level 2 or 3; null when absent. */
function section(heading: string): string | null {
  const start = DOC.indexOf(`\n### ${heading}\n`);
  if (start === -1) return null;
  const rest = DOC.slice(start + heading.length + 6);
  const end = rest.search(/\n##+ /);
  return end === -1 ? rest : rest.slice(0, end);
}

/** The `### ` headings under `## Commands`. */
function commandHeadings(): string[] {
  const from = DOC.indexOf('\n## Commands\n');
  const to = DOC.indexOf('\n## ', from + 1);
  const part = DOC.slice(from, to === -1 ? undefined : to);
  return [...part.matchAll(/\n### (.+)\n/g)].map((m) => m[1]!);
}

const COMMANDS = APPLIANCE_COMMANDS.map((command) => [headingOf(command.path), command] as const);

describe('docs/cli.md', () => {
  it.each(COMMANDS)('has a section for %s with its syntax, its right and an example', (heading, command) => {
    const text = section(heading);
    expect(text, `docs/cli.md has no "### ${heading}" section under "## Commands"`).not.toBeNull();
    expect(text, `the syntax block of ${heading} must be HELP's syntax line`).toContain(`\n\`\`\`\n${command.syntax}\n\`\`\`\n`);
    const right = command.right === undefined ? '**Right:** none' : `**Right:** \`${command.right}\``;
    expect(text, `${heading}: "${right}"`).toContain(right);
    expect(text, `${heading}: an **Example** block`).toContain('**Example');
  });

  it('has a section only for commands that exist', () => {
    expect(commandHeadings().sort()).toEqual(COMMANDS.map(([heading]) => heading).sort());
  });

  it.each(Object.values(CLI_ERRORS))('lists ERR $code ($text)', ({ code, text }) => {
    expect(DOC).toContain(`| ${String(code).padStart(2, '0')} | ${text} |`);
  });
});
