import { strict as assert } from 'node:assert';
import { classifyWho, findWho, isMethodSubject } from '../../../scripts/catalogue/who';

describe('catalogue generator: who can execute', () => {
  it('reads a one-line block', () => {
    const w = findWho(['> Scope: [`garden`](x.md)', '>', '> Who can execute the method: any user']);
    assert.equal(w?.text, 'any user');
    assert.equal(w?.subject, 'execute the method');
  });

  it('joins a multi-line list into one fact line', () => {
    const w = findWho([
      '> Who can execute the method:',
      '> - a user with the "edit" access permission for beds,',
      '> - and "view" access to the [garden](../garden/index.md).',
      '',
      'The method ...',
    ]);
    assert.equal(w?.text, 'a user with the "edit" access permission for beds; and "view" access to the garden');
  });

  it('tells method blocks from subscription and command blocks', () => {
    assert.equal(isMethodSubject('execute the method'), true);
    assert.equal(isMethodSubject('perform the methods'), true);
    assert.equal(isMethodSubject('subscribe'), false);
    assert.equal(isMethodSubject('execute the command'), false);
  });

  const cases: [string, string][] = [
    ['any user', 'any'],
    ['`any user`', 'any'],
    ['authorized user', 'any'],
    ['administrator', 'admin'],
    ['Administrator only.', 'admin'],
    ['depends on the method', 'depends'],
    ['depending on the method', 'depends'],
    ['access rights during method execution depend on the provided data:', 'depends'],
    ['CRM administrator', 'permission'],
    ['any user with permission to create leads', 'permission'],
    ['chat participant', 'permission'],
    ['', 'unknown'],
  ];
  for (const [text, cls] of cases) {
    it(`classifies "${text}" as ${cls}`, () => assert.equal(classifyWho(text), cls));
  }
});
