// The files that get compressed copies (scripts/precompress.mjs) and that a
// host compresses as it sends them (deploy/nginx.conf, the tests' server).
export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|bin|webmanifest|txt|xml)$/;
