// The <script> build: the client API on one global, `ExternalChatBridge`.
// The contract module stays in the npm package: raw-envelope pages need no library.
export * from './index.js';
