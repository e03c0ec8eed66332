// Types for the <script> build (dist/host-bridge.iife.js): one global,
// `ExternalChatBridge`, holding what the package's main entry exports.
// The browser build copies this file to dist/host-bridge.iife.d.ts; a page's
// scripts get it with
//   /// <reference types="@external-chat/host-bridge/browser" />
// or with "types": ["@external-chat/host-bridge/browser"] in tsconfig.json.
declare var ExternalChatBridge: typeof import('./index.js');
