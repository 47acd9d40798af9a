/** A row of a CSV table: its cells and the 1-based line it starts on (for error messages). */
export interface CsvRow {
  cells: string[];
  line: number;
}

/** Thrown for text that is not CSV (an unclosed quote, a character after a closing quote), with its line. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * The rows of a CSV text (RFC 4180: comma-separated, "quoted" cells with "" for a quote, CRLF or LF),
 * synchronously and with the line each row starts on, which the streaming parsers do not give.
 * Blank lines are skipped; a leading byte-order mark is ignored.
 */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new CsvSyntaxError('a quoted cell is not closed', start);
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          cell += c;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new CsvSyntaxError('a character after a closing quote (a quote inside a cell is written "")', line);
      } else {
        const end = nextDelimiter(text, i);
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ cells, line: start });
  }
  return rows;
}

function nextDelimiter(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}
