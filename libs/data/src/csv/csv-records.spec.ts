import { CsvSyntaxError, csvRecords, type CsvRecord } from './csv-records';

async function* chunksOf(...parts: string[]): AsyncGenerator<string> {
  for (const part of parts) yield part;
}

async function collect(...parts: string[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of csvRecords(chunksOf(...parts))) out.push(...batch);
  return out;
}

describe('csvRecords', () => {
  it('splits plain records, skipping but counting empty lines, with CRLF and a BOM; marks a last line without a newline', async () => {
    expect(await collect('\uFEFFa,b\r\n1,2\r\n\r\n3,4')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 4, unterminated: true },
    ]);
    expect((await collect('a,b\n1,2\n')).some((r) => r.unterminated)).toBe(false);
  });

  it('reads quoted fields with commas, escaped quotes and line breaks, across chunk boundaries', async () => {
    const records = await collect('id,v\n"a,b","say ""hi""\n', 'there"\n', 'x,"', 'y"\n');
    expect(records).toEqual([
      { fields: ['id', 'v'], line: 1 },
      { fields: ['a,b', 'say "hi"\nthere'], line: 2 },
      { fields: ['x', 'y'], line: 4 },
    ]);
  });

  it('keeps empty fields and joins a line split between chunks', async () => {
    expect(await collect('a,,c\nd,e', ',f\n')).toEqual([
      { fields: ['a', '', 'c'], line: 1 },
      { fields: ['d', 'e', 'f'], line: 2 },
    ]);
  });

  it('locates an unclosed quote and text after a closing quote', async () => {
    await expect(collect('a,b\n1,"2\n3,4\n')).rejects.toMatchObject({ line: 2, column: 2, message: 'unclosed quote' });
    await expect(collect('a,b\n"1"x,2\n')).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(collect('a,b\n"1"x,2\n')).rejects.toMatchObject({ line: 2, message: /unexpected text after a closing quote/ });
  });
});
