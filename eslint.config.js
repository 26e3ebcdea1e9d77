import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DOMAIN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src', 'domain');

/**
 * STYLE: domain/ imports nothing of ours outside itself. A glob such as `../../*` cannot say
 * this for files at different depths (`../cli/x` leaves src/domain/ but not src/domain/broker/),
 * so each relative specifier is resolved against the importing file and must stay in domain/.
 */
const domainStaysInside = {
  meta: { type: 'problem', schema: [], messages: { outside: "domain/ imports only domain/: '{{source}}' leaves it" } },
  create(context) {
    const dir = path.dirname(context.filename);
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = path.resolve(dir, source.value);
      if (target === DOMAIN_DIR || target.startsWith(DOMAIN_DIR + path.sep)) return;
      context.report({ node: source, messageId: 'outside', data: { source: source.value } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
    };
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'data/', 'bench-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly',
      setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
      setImmediate: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Issue 13: commands read and change state through src/services, never the store.
    files: ['src/cli/**/*.ts'],
    ignores: ['src/cli/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/store/*'], message: 'cli/ goes through src/services, not the store (issue 13)' },
      ] }],
    },
  },
  {
    // STYLE: domain/ is pure and imports nothing of ours outside itself, and no I/O.
    files: ['src/domain/**/*.ts'],
    plugins: { ccmd: { rules: { 'domain-stays-inside': domainStaysInside } } },
    rules: {
      'ccmd/domain-stays-inside': 'error',
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'fs', 'net', 'child_process', 'better-sqlite3', 'serialport', 'ssh2', 'pino'],
          message: 'domain/ does no I/O' },
      ] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'domain/: time is an argument' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'domain/: time is an argument' }],
    },
  },
);
