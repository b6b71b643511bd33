import { ByteChecker } from './byte-checks';

function firstProblem(...chunks: (string | number[])[]) {
  const checker = new ByteChecker();
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Uint8Array.from(chunk);
    const problem = checker.check(bytes);
    if (problem !== undefined) return problem;
  }
  return checker.finish();
}

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

describe('ByteChecker', () => {
  it('accepts UTF-8 of every length, a BOM, CRLF and multi-byte characters split between chunks', () => {
    expect(firstProblem('\uFEFFunique_id,ds,y\r\nZürich,2020-01-01,1\r\n日本,2020-01-01,2\n😀,2020-01-01,3\n')).toBeUndefined();
    const euro = [...Buffer.from('€', 'utf8')]; // E2 82 AC
    expect(firstProblem([...ascii('a,'), euro[0]!], [euro[1]!], [euro[2]!, 10])).toBeUndefined();
  });

  it('locates a NUL byte by line and field', () => {
    expect(firstProblem('unique_id,ds,y\nA\0,2020-01-01,1\n')).toMatchObject({
      line: 2,
      column: 1,
      message: expect.stringMatching(/NUL byte/),
    });
    expect(firstProblem('unique_id,ds,y\na,2020-01-01,1\na,2020-01-02,\0\n')).toMatchObject({ line: 3, column: 3 });
  });

  it('locates a Latin-1 byte, counting commas inside quotes as text and newlines inside quotes as lines', () => {
    // "Z\xfcrich" in Latin-1: 0xFC cannot start a UTF-8 character
    expect(firstProblem([...ascii('unique_id,ds,y\n"a,\nb",2020-01-01,1\nx,Z'), 0xfc, ...ascii('rich,1\n')])).toMatchObject({
      line: 4,
      column: 2,
      message: expect.stringMatching(/invalid UTF-8: byte 0xFC cannot start a UTF-8 character/),
    });
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong 2-byte form', [0xc0, 0xaf]],
    ['an overlong 3-byte form', [0xe0, 0x80, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a lead byte F5', [0xf5, 0x80, 0x80, 0x80]],
    ['a lead byte followed by ASCII', [0xc3, 0x41]],
  ])('rejects %s', (_, bytes) => {
    expect(firstProblem([...ascii('a,'), ...bytes, 10])).toMatchObject({
      line: 1,
      column: 2,
      message: expect.stringMatching(/^invalid UTF-8/),
    });
  });

  it('reports a multi-byte character cut off by the end of the file where it started', () => {
    expect(firstProblem([...ascii('a,b\nc,'), 0xe2, 0x82])).toMatchObject({
      line: 2,
      column: 2,
      message: expect.stringMatching(/ends inside a multi-byte character/),
    });
  });
});
