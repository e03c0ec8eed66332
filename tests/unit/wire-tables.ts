// The wire reference's tables (docs/wire.md), rendered from the contract's two tables
// (docs.test.ts keeps docs/wire.md equal to this).
import { MAX_KEPT_ITEMS, PAGE_TO_PLUGIN, PLUGIN_TO_PAGE, ROCKETCHAT, wireFields, type Dialect, type FieldRule, type Fields, type WebApp3Call } from '../../host-bridge/src/contract/internal';

const code = (text: string): string => `\`${text}\``;

function typeOf(rule: FieldRule): string {
  switch (rule.type) {
    case 'boolean':
      return 'boolean';
    case 'list':
      return `array (≤ ${rule.maxItems.toLocaleString('en-US')}) of ${typeOf(rule.of)}`;
    case 'object':
      return `{ ${fieldList(rule.fields)} }`;
    case 'either':
      return rule.of.map(typeOf).join(' or ');
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

/** The RPC a control calls, from its row; on the local user, a `self` row leaves the participant out. */
function webApp3Of(row: HostRow): string {
  if (!('webapp3' in row)) return '–';
  const spec: WebApp3Call = row.webapp3;
  return code(spec.rpc) + (spec.self ? '; on the local user, without the participant' : '');
}

function hostRows(): string[][] {
  return Object.entries(PAGE_TO_PLUGIN).map(([action, row]: [string, HostRow]) => [
    code(action),
    fields(row),
    signature(row),
    ANSWERS[row.kind](row),
    'feature' in row ? code(row.feature) : '–',
    webApp3Of(row),
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
      if (row.delivery === 'changes') {
        return (
          `applied to ${code('chat.roster')}, raised as ${code(`on('${row.changesOf}')`)} with the ${code('change')}: the first handler subscribes to topic ` +
          `${code(row.topic)} (feature ${code(row.feature)}) when ${code('ready.topics')} lists it; a snapshot at once, then what changed (≤ 10/s)`
        );
      }
      return (
        `${code(`on('${action}')`)}: the first handler subscribes to topic ${code(row.topic)} (feature ${code(row.feature)}); ` +
        (row.delivery === 'latest'
          ? `the value at once, then changes (≤ 10/s${'participants' in row.fields ? '; a list of n > 1,000 entries at most every n / 10 ms' : ''})`
          : `the messages kept (≤ ${MAX_KEPT_ITEMS}) at once, then each one`)
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
    table(['action', 'fields', 'calls (host-bridge method)', 'answered with', 'feature', 'Web App 3 RPC'], hostRows()),
    '',
    '**Plugin → page**',
    '',
    table(['action', 'fields', 'in host-bridge'], pluginRows()),
  ].join('\n');
}

type DialectPageRow = Dialect['pageToPlugin'][string];
type DialectPluginRow = Dialect['pluginToPage'][string];

/** The name our vocabulary gives the same row, when another dialect reuses it. */
const oursFor = (table: Dialect['pageToPlugin'] | Dialect['pluginToPage'], row: object): string | undefined =>
  Object.entries(table).find(([, candidate]) => candidate === row)?.[0];


/** Sample values a rule accepts: one per way it may be worded. */
const sampleOf = (rule: FieldRule): unknown[] =>
  rule.type === 'either' ? rule.of.flatMap(sampleOf) : rule.type === 'boolean' ? [true] : rule.type === 'integer' ? [3] : ['alice@example.com'];

function dialectCall(row: DialectPageRow): string {
  if (!('method' in row)) return '–';
  const same = oursFor(PAGE_TO_PLUGIN, row);
  if ('toService' in row && row.toService) {
    // Shown by example: what the row hands the service for a sample payload (each way a field may be worded;
    // a request's required fields alone).
    const samples =
      row.kind === 'state'
        ? sampleOf(row.fields[row.arg] as FieldRule).map((value) => ({ [row.arg]: value }))
        : [Object.fromEntries(Object.entries(row.fields).flatMap(([name, rule]) => (rule.optional ? [] : [[name, sampleOf(rule)[0]]])))];
    const toService = row.toService as (payload: object) => unknown;
    return samples.map((sample) => `${code(`${row.method}(${JSON.stringify(toService(sample))})`)} for ${code(JSON.stringify(sample))}`).join('; ');
  }
  const call = row.kind === 'state' ? `${row.method}(${row.arg})` : `${row.method}(…)`;
  return same ? `${code(call)}, as our ${code(same)}` : code(call);
}

function dialectAnswer(row: DialectPageRow, dialect: Dialect): string {
  if (row.kind === 'request') return `${code(row.ok)} / ${code(row.error)}`;
  if (row.kind === 'control') {
    const answers = Object.entries(dialect.pluginToPage).some(([, r]) => r.kind === 'result');
    return answers ? `${code('control-result')}, only when it carries a ${code('requestId')}` : `none: the change shows in the next ${code('roster')}`;
  }
  return 'none';
}

function dialectSends(action: string, row: DialectPluginRow, dialect: Dialect): string {
  const same = oursFor(PLUGIN_TO_PAGE, row);
  const as = same ? `, as our ${code(same)}` : '';
  switch (row.kind) {
    case 'ready':
      return 'when the plugin starts';
    case 'topic':
      return dialect.topics === 'unsolicited'
        ? `unasked: at start (once known), then whenever it changes (≤ 10/s${'participants' in row.fields ? '; a list of n > 1,000 entries at most every n / 10 ms' : ''}); feature ${code(row.feature)}${as}`
        : `to a page that subscribed to ${code(row.topic)}${as}`;
    case 'ok':
    case 'error': {
      const request = Object.entries(dialect.pageToPlugin).find(([, r]) => r.kind === 'request' && (r.ok === action || r.error === action));
      return `answers ${code(request?.[0] ?? '?')}${as}`;
    }
    default:
      return same ? `as our ${code(same)}` : action === 'toggle-participants' ? 'the Participants button was clicked; `active` is the state asked for' : '–';
  }
}

/** Rocket.Chat's dialect, rendered from its tables (dialects.ts) as ours are. */
export function renderRocketChatTables(dialect: Dialect = ROCKETCHAT): string {
  return [
    `**Page → plugin** (${code(dialect.prefix + '<action>')})`,
    '',
    table(
      ['action', 'fields', 'calls', 'answered with', 'feature'],
      Object.entries(dialect.pageToPlugin).map(([action, row]) => [
        code(action),
        fields(row),
        dialectCall(row),
        dialectAnswer(row, dialect),
        'feature' in row ? code(row.feature) : '–',
      ]),
    ),
    '',
    '**Plugin → page**',
    '',
    table(
      ['action', 'fields', 'sent'],
      Object.entries(dialect.pluginToPage).map(([action, row]) => [code(action), fields(row), dialectSends(action, row, dialect)]),
    ),
  ].join('\n');
}
