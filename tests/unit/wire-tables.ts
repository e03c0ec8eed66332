// The README's protocol tables, rendered from the contract's two tables
// (readme.test.ts keeps the README equal to this).
import { MAX_KEPT_ITEMS, PAGE_TO_PLUGIN, PLUGIN_TO_PAGE, wireFields, type FieldRule, type Fields } from '../../host-bridge/src/contract';

const code = (text: string): string => `\`${text}\``;

function typeOf(rule: FieldRule): string {
  switch (rule.type) {
    case 'boolean':
      return 'boolean';
    case 'list':
      return `array (≤ ${rule.maxItems.toLocaleString('en-US')}) of ${typeOf(rule.of)}`;
    case 'object':
      return `{ ${fieldList(rule.fields)} }`;
    case 'integer':
      return `integer${rule.min === undefined ? '' : ` ≥ ${rule.min}`}${rule.max === undefined ? '' : ` ≤ ${rule.max}`}`;
    default: {
      const base = rule.values ? rule.values.map(code).join(' \\| ') : rule.means ?? (rule.nonEmpty ? 'non-empty string' : 'string');
      return rule.maxLength === undefined ? base : `${base}, ≤ ${rule.maxLength.toLocaleString('en-US')} characters`;
    }
  }
}

const fieldList = (fields: Fields): string =>
  Object.entries(fields)
    .map(([name, rule]) => `${code(name + (rule.optional ? '?' : ''))}: ${typeOf(rule)}`)
    .join(', ');

function fields(row: { kind: string; fields: Fields }): string {
  const list = fieldList(wireFields(row));
  return list === '' ? 'none' : list;
}

const table = (header: string[], rows: string[][]): string =>
  [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');

type HostRow = (typeof PAGE_TO_PLUGIN)[keyof typeof PAGE_TO_PLUGIN];

/** How host-bridge's method is called: its row's `args` one by one, then the other fields as one object. */
function signature(row: HostRow): string {
  if (!('method' in row)) return '–';
  // A pipe, even inside code, ends a table cell unless escaped.
  if (row.kind === 'state') return code(`${row.method}(${row.arg.replaceAll('|', '\\|')})`);
  const args: string[] = [...row.args];
  if ('rest' in row && row.rest) {
    const rest = Object.entries(row.fields as Fields)
      .filter(([name]) => !args.includes(name))
      .map(([name, rule]) => name + (rule.optional ? '?' : ''));
    if (row.rest === 'options') rest.push('signal?', 'timeoutMs?');
    args.push(args.length === 0 ? 'payload' : `{ ${rest.join(', ')} }`);
  }
  return code(`${row.method}(${args.join(', ')})`);
}

const ANSWERS: Record<HostRow['kind'], (row: HostRow) => string> = {
  state: () => 'none: state, told again to a restarted plugin',
  request: (row) => ('ok' in row ? `${code(row.ok)} / ${code(row.error)}` : ''),
  control: () => `${code('control-result')}, only when it carries a ${code('requestId')}`,
  subscribe: () => 'none: each topic named is sent at once (what the plugin kept, for an `every` topic), then as it changes',
  unsubscribe: () => 'none',
  ping: () => code('ready'),
};

function hostRows(): string[][] {
  return Object.entries(PAGE_TO_PLUGIN).map(([action, row]: [string, HostRow]) => [
    code(action),
    fields(row),
    signature(row),
    ANSWERS[row.kind](row),
    'feature' in row ? code(row.feature) : '–',
  ]);
}

function answering(action: string): string | undefined {
  for (const [request, row] of Object.entries(PAGE_TO_PLUGIN) as [string, HostRow][]) {
    if (row.kind === 'request' && row.ok === action) return `resolves ${code(row.method)} (answers ${code(request)})`;
    if (row.kind === 'request' && row.error === action) return `rejects ${code(row.method)} (answers ${code(request)})`;
  }
  return undefined;
}

type PluginRow = (typeof PLUGIN_TO_PAGE)[keyof typeof PLUGIN_TO_PAGE];

function bridgeOf(action: string, row: PluginRow): string {
  switch (row.kind) {
    case 'ready':
      return `${code("on('ready')")}, resolves ${code('ready')}; ${code('chat.features')}, ${code('chat.connected')}`;
    case 'event':
      return code(`on('${action}')`);
    case 'topic':
      return (
        `${code(`on('${action}')`)}: the first handler subscribes to topic ${code(row.topic)} (feature ${code(row.feature)}); ` +
        (row.delivery === 'latest' ? 'the value at once, then changes (≤ 10/s)' : `the messages kept (≤ ${MAX_KEPT_ITEMS}) at once, then each one`)
      );
    case 'result':
      return `settles the control named by ${code('control')}: resolves, or rejects with ${code('ControlError')}`;
    default:
      return answering(action) ?? '–';
  }
}

function pluginRows(): string[][] {
  return Object.entries(PLUGIN_TO_PAGE).map(([action, row]: [string, PluginRow]) => [code(action), fields(row), bridgeOf(action, row)]);
}

export function renderWireTables(): string {
  return [
    '**Page → plugin**',
    '',
    table(['action', 'fields', 'calls (host-bridge method)', 'answered with', 'feature'], hostRows()),
    '',
    '**Plugin → page**',
    '',
    table(['action', 'fields', 'in host-bridge'], pluginRows()),
  ].join('\n');
}
