import { strict as assert } from 'node:assert';
import { refs, run, unresolved } from './helpers';

describe('analysis: Go', () => {
  it('finds Call(ctx, "m", b24.Params{...}) with its params and ignores messages', () => {
    const text = `res, err := client.Core().Call(ctx, "crm.lead.add", b24.Params{"fields": b24.Params{}})
if err != nil { return fmt.Errorf("crm.lead.add: %w", err) }
x, _ := Do("profile", nil)
raw := \`crm.deal.list\`
y, _ := client.Core().Call(ctx, "crm."+entity+".list", nil)
z, _ := client.Core().Call(ctx, fmt.Sprintf("crm.%s.fields", entity), nil)`;
    const a = run(text, 'go');
    assert.deepEqual(
      a.references.map((r) => `${r.name}@${r.context}`),
      ['crm.lead.add@call', 'profile@call', 'crm.deal.list@literal'],
    );
    assert.equal(text.slice(a.references[0].paramsRange!.start, a.references[0].paramsRange!.end), '{"fields": b24.Params{}}');
    assert.deepEqual(unresolved(text, 'go'), ['crm.*.list@call', 'crm.*.fields@literal']);
  });
});

describe('analysis: Java and C#', () => {
  it('finds Java client calls and constants, skipping comments and text-block prose', () => {
    const text = `private static final String ADD = "crm.lead.add";
// client.call("crm.deal.add")
Object r = client.call(ADD, Map.of());
Object me = client.call("profile", Map.of());
String doc = """
    Calls crm.deal.list.
    """;`;
    assert.deepEqual(refs(text, 'java'), ['crm.lead.add@constant', 'profile@call']);
  });

  it('reads C# verbatim, interpolated and raw strings', () => {
    const text = `const string Get = "crm.deal.get";
var a = await _client.CallAsync(Get, new { id });
var b = await _client.CallAsync($"crm.{entity}.list", null);
var c = @"C:\\b24\\crm.deal.list";
var d = $"https://x/rest/1/{secret}/user.current.json";
var e = """
  "crm.lead.add"
  """;
#region crm.lead.get
var f = await _client.CallAsync("batch", new { cmd = new { a = "crm.deal.fields" } });`;
    assert.deepEqual(refs(text, 'csharp'), ['crm.deal.get@constant', 'user.current@url', 'batch@call', 'crm.deal.fields@batch']);
    assert.deepEqual(unresolved(text, 'csharp'), ['crm.*.list@call']);
  });
});
