// The README's protocol tables, rendered from the contract's two tables
// (readme.test.ts keeps the README equal to this).
import { HOST_ACTIONS, PLUGIN_ACTIONS, REQUEST_ID, type FieldRule, type Fields } from '@external-chat/host-bridge/contract';

const code = (text: string): string => `\`${text}\``;

const typeOf = (rule: FieldRule): string =>
  rule.type === 'boolean' ? 'boolean' : rule.values ? rule.values.map(code).join(' \\| ') : rule.nonEmpty ? 'non-empty string' : 'string';

function fields(row: { kind: string; fields: Fields }): string {
  const all = ['request', 'ok', 'error'].includes(row.kind) ? { ...row.fields, ...REQUEST_ID } : row.fields;
  const list = Object.entries(all).map(([name, rule]) => `${code(name + (rule.optional ? '?' : ''))}: ${typeOf(rule)}`);
  return list.length === 0 ? 'none' : list.join(', ');
}

const table = (header: string[], rows: string[][]): string =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

function hostRows(): string[][] {
  return Object.entries(HOST_ACTIONS).map(([action, row]) => {
    const call = 'method' in row ? code(`${row.method}(${'arg' in row ? row.arg : 'body'})`) : '–';
    const answer =
      row.kind === 'request' ? `${code(row.ok)} / ${code(row.error)}` : row.kind === 'ping' ? code('ready') : 'none: state, told again to a restarted plugin';
    return [code(action), fields(row), call, answer];
  });
}

function answering(action: string): string | undefined {
  for (const [request, row] of Object.entries(HOST_ACTIONS)) {
    if (row.kind === 'request' && row.ok === action) return `resolves ${code(row.method)} (answers ${code(request)})`;
    if (row.kind === 'request' && row.error === action) return `rejects ${code(row.method)} (answers ${code(request)})`;
  }
  return undefined;
}

function pluginRows(): string[][] {
  return Object.entries(PLUGIN_ACTIONS).map(([action, row]) => {
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
