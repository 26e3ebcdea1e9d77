#!/usr/bin/env node
// Rewrites the generated settings tables of docs/configuration.md from the schemas in
// src/config (issue 13). Run with `npm run docs` (which builds first); the test
// src/config/settings-doc.test.ts fails until the file matches.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withSettingsReference } from '../dist/config/settings-doc.js';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'configuration.md');
const before = readFileSync(file, 'utf8');
const after = withSettingsReference(before);
if (after === before) {
  console.log('docs/configuration.md is up to date');
} else {
  writeFileSync(file, after);
  console.log('docs/configuration.md: settings tables rewritten');
}
