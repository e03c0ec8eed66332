// The README's protocol tables, rendered from the contract's two tables
// (readme.test.ts keeps the README equal to this).
import { PAGE_TO_PLUGIN, PLUGIN_TO_PAGE, wireFields, type FieldRule, type Fields } from '../../host-bridge/src/contract';

const code = (text: string): string => `\`${text}\``;

const typeOf = (rule: FieldRule): string =>
  rule.type === 'boolean' ? 'boolean' : rule.values ? rule.values.map(code).join(' \\| ') : rule.nonEmpty ? 'non-empty string' : 'string';

function fields(row: { kind: string; fields: Fields }): string {
  const list = Object.entries(wireFields(row)).map(([name, rule]) => `${code(name + (rule.optional ? '?' : ''))}: ${typeOf(rule)}`);
  return list.length === 0 ? 'none' : list.join(', ');
}

const table = (header: string[], rows: string[][]): string =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

function hostRows(): string[][] {
  return Object.entries(PAGE_TO_PLUGIN).map(([action, row]) => {
    const call = 'method' in row ? code(`${row.method}(${'arg' in row ? row.arg : 'payload'})`) : '–';
    const answer =
      row.kind === 'request' ? `${code(row.ok)} / ${code(row.error)}` : row.kind === 'ping' ? code('ready') : 'none: state, told again to a restarted plugin';
    return [code(action), fields(row), call, answer];
  });
}

function answering(action: string): string | undefined {
  for (const [request, row] of Object.entries(PAGE_TO_PLUGIN)) {
    if (row.kind === 'request' && row.ok === action) return `resolves ${code(row.method)} (answers ${code(request)})`;
    if (row.kind === 'request' && row.error === action) return `rejects ${code(row.method)} (answers ${code(request)})`;
  }
  return undefined;
}

function pluginRows(): string[][] {
  return Object.entries(PLUGIN_TO_PAGE).map(([action, row]) => {
    const bridge = row.kind === 'ready' ? `${code("on('ready')")}, resolves ${code('ready')}` : row.kind === 'event' ? code(`on('${action}')`) : answering(action);
    return [code(action), fields(row), bridge ?? '–'];
  });
}

export function renderWireTables(): string {
  return [
    '**Page → plugin**',
    '',
    table(['action', 'fields', 'calls (host-bridge method)', 'answered with'], hostRows()),
    '',
    '**Plugin → page**',
    '',
    table(['action', 'fields', 'in host-bridge'], pluginRows()),
  ].join('\n');
}
