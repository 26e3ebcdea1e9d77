import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
    // STYLE: domain/ is pure and imports nothing of ours outside itself, and no I/O.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['../../*', '!../../domain/**'], message: 'domain/ imports only domain/' },
        { group: ['node:*', 'fs', 'net', 'child_process', 'better-sqlite3', 'serialport', 'ssh2', 'pino'],
          message: 'domain/ does no I/O' },
      ] }],
      'no-restricted-globals': ['error', { name: 'Date', message: 'domain/: time is an argument' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'domain/: time is an argument' }],
    },
  },
);
