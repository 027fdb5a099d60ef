// The shape of an entry in rules/simplify/.

export interface RewriteRule {
  /** `pattern -> replacement` in shapegrad's notation. Wildcards: single capitals (A, B, C) match
   *  any expression (a repeated one must be the same node); c and d match numbers; the dims of
   *  ones/zeros/eye (m, n) match any dim. The rewrite only happens when the replacement has the
   *  same shape as what it replaces, so broadcasting can never be simplified away by mistake. */
  rule: string;
  /** Shapes the wildcards must have, in the notation of op shape rules: `A:[m,1], B:[m,1]`. */
  where?: string;
  doc: string;
}
