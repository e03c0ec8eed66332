/**
 * ms of a CDP CPU profile's samples by owner: the nearest script on the stack matching one
 * of `owners` (name → URL part), else 'other'; '(idle)' apart. Wall time too.
 */
export function profileShares(profile, owners) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ownerOf = new Map();
  const owner = (id) => {
    if (ownerOf.has(id)) return ownerOf.get(id);
    const { callFrame } = byId.get(id);
    let o = callFrame.functionName === '(idle)' ? 'idle' : null;
    for (const [name, part] of Object.entries(owners)) if (o === null && callFrame.url.includes(part)) o = name;
    if (o === null) o = parent.has(id) ? owner(parent.get(id)) : 'other';
    ownerOf.set(id, o);
    return o;
  };
  const ms = { idle: 0, other: 0, ...Object.fromEntries(Object.keys(owners).map((k) => [k, 0])) };
  let t = profile.startTime;
  const times = profile.timeDeltas.map((d) => (t += d));
  profile.samples.forEach((id, i) => {
    const next = i + 1 < times.length ? times[i + 1] : profile.endTime;
    ms[owner(id)] += Math.max(0, next - times[i]) / 1000;
  });
  return { ms, wallMs: (profile.endTime - profile.startTime) / 1000 };
}
