/** The `restructured` package ships no types; apiref uses only `parse`, as a test oracle and a bench peer. */
declare module 'restructured' {
  interface RstNode {
    type: string;
    value?: string;
    role?: string;
    children?: RstNode[];
  }
  const restructured: { parse(source: string): RstNode; default?: { parse(source: string): RstNode } };
  export default restructured;
}
