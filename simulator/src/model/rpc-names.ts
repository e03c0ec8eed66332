// Every RPC name @pexip/plugin-api 22 defines (the keys of RPCCalls in
// dist/types.d.ts): the names Web App 3 has a case for. A call with any other
// name gets no reply (see LEDGER.md). The types below fail to compile when the
// list and plugin-api's RPCCalls disagree.
import type { RPCCalls } from '@pexip/plugin-api';

export const RPC_NAMES = [
  'syn',
  'syn:widget',
  'app:setDisconnectDestination',
  'ui:button:add',
  'ui:button:update',
  'ui:form:open',
  'ui:prompt:open',
  'ui:toast:show',
  'ui:removeElement',
  'ui:widget:add',
  'ui:widget:toggle',
  'conference:dialOut',
  'conference:sendMessage',
  'conference:sendApplicationMessage',
  'conference:lock',
  'conference:muteAllGuests',
  'conference:setBandwidth',
  'conference:setLayout',
  'conference:sendRequest',
  'conference:disconnectAll',
  'conference:requestParticipants',
  'conference:breakout',
  'conference:joinBreakoutRoom',
  'conference:closeBreakouts',
  'conference:closeBreakoutRoom',
  'conference:emptyBreakouts',
  'conference:breakoutMoveParticipants',
  'conference:currentRoomId',
  'participant:transfer',
  'participant:mute',
  'participant:muteVideo',
  'participant:spotlight',
  'participant:admit',
  'participant:raiseHand',
  'participant:setRole',
  'participant:setTextOverlay',
  'participant:disconnect',
  'participant:sendDTMF',
] as const satisfies ReadonlyArray<keyof RPCCalls>;

type Listed = (typeof RPC_NAMES)[number];
// Both directions: every listed name is an RPC, and every RPC is listed.
const everyRpcListed: Exclude<keyof RPCCalls, Listed> extends never ? true : false = true;
void everyRpcListed;

const KNOWN: ReadonlySet<string> = new Set(RPC_NAMES);

/** Whether Web App 3 (plugin-api 22) has a case for `rpc`. */
export const isKnownRpc = (rpc: string): rpc is keyof RPCCalls => KNOWN.has(rpc);
