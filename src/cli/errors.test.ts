import { describe, expect, it } from 'vitest';
import { CLI_ERRORS, cliError, errorLine, formatCliError } from './errors.js';
import { endOfLine, tokenize } from './tokenizer.js';

describe('CLI error catalogue (SPEC §9)', () => {
  it('has unique numbers', () => {
    const codes = Object.values(CLI_ERRORS).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps the published numbers', () => {
    expect([CLI_ERRORS.unknownCommand.code, CLI_ERRORS.missingParameter.code, CLI_ERRORS.invalidValue.code,
      CLI_ERRORS.insufficientPrivileges.code, CLI_ERRORS.unknownParameter.code]).toEqual([1, 2, 3, 4, 5]);
  });

  it('formats ERR nn - text, with an optional detail', () => {
    expect(errorLine(cliError('insufficientPrivileges'))).toBe('ERR 04 - Insufficient privileges');
    expect(errorLine(cliError('invalidValue', 'BAUD must be 50-4000000'))).toBe('ERR 03 - Invalid value: BAUD must be 50-4000000');
  });

  it('underlines the offending token under its exact columns', () => {
    const line = 'port 3 set  BAUD=fast';
    const token = tokenize(line)[3]!;
    expect(formatCliError(line, token, cliError('invalidValue'))).toEqual([
      'port 3 set  BAUD=fast',
      '            ---------',
      'ERR 03 - Invalid value',
    ]);
  });

  it('underlines the first token at column 0', () => {
    expect(formatCliError('frob', tokenize('frob')[0]!, cliError('unknownCommand'))[1]).toBe('----');
  });

  it('marks a missing parameter one column past the end', () => {
    expect(formatCliError('connect', endOfLine('connect'), cliError('missingParameter'))).toEqual([
      'connect', '        -', 'ERR 02 - Missing parameter']);
  });

  it('leaves out the underline when there is no span', () => {
    expect(formatCliError('x', null, cliError('noSuchSession'))).toEqual(['x', 'ERR 08 - No such session']);
  });
});
