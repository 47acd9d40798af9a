// seedrandom's Alea generator alone: its package entry also loads the other generators and node:crypto
// (for seeds it would draw itself), which ersim never uses, at every start.
declare module 'seedrandom/lib/alea.js' {
  import type seedrandom from 'seedrandom';
  const alea: seedrandom['alea'];
  export = alea;
}
