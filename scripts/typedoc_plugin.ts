/**
 * typedoc plugin (typedoc.json `plugin`; `npm run docs` runs typedoc under tsx to load it): shows
 * the API as users call it, with each doc written once. Ops are typed values
 * (`const exp: OpFn<[x: Tensor]>`) and Tensor's op methods come from mapped types over the op
 * tables, which typedoc would print as variables and properties with rest-tuple types. Here:
 *  - a function-typed variable becomes a function, and a Tensor property made from an op table
 *    row a method, with `(...args: [x: Tensor, dim?: number])` spread into named parameters;
 *  - such a method takes the doc comment of the op its row installs (`fn`, `method` or
 *    `inplace`), unless the row has its own; an in-place method without one points to its
 *    out-of-place form.
 */
import ts from "typescript";
import {
  Comment,
  Converter,
  DeclarationReflection,
  IntersectionType,
  NamedTupleMember,
  OptionalType,
  ParameterReflection,
  ReflectionFlag,
  ReflectionKind,
  ReflectionType,
  RestType,
  TupleType,
  type Application,
  type Context,
  type SignatureReflection,
  type SomeType,
} from "typedoc";

export function load(app: Application): void {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, refl: DeclarationReflection) => {
    if (refl.kindOf(ReflectionKind.Variable)) variable_as_function(context, refl);
    else if (refl.kindOf(ReflectionKind.Property)) op_method(context, refl);
  });
  // Tensor's op methods come from the TensorMethods interface merged into the class: they are
  // the class's own, not inherited (typedoc's "Inherited" filter would hide them)
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context: Context) => {
    for (const refl of context.project.getReflectionsByKind(ReflectionKind.Method)) {
      if (!(refl instanceof DeclarationReflection)) continue;
      if (!refl.inheritedFrom?.name.startsWith("TensorMethods.")) continue;
      refl.inheritedFrom = undefined;
      refl.setFlag(ReflectionFlag.Inherited, false);
      for (const sig of refl.signatures ?? []) sig.inheritedFrom = undefined;
    }
  });
}

/** `const exp: OpFn<...>` or `const exp_ = exp.inplace`: a function, as it is called. */
function variable_as_function(context: Context, refl: DeclarationReflection): void {
  const symbol = context.getSymbolFromReflection(refl);
  if (!symbol) return;
  refl.comment ??= destructured_comment(context, symbol.declarations?.[0]);
  const type = context.checker.getTypeOfSymbol(symbol);
  if (!type.getCallSignatures().length || type.getConstructSignatures().length) return;
  // OpFn is (call signature) & { inplace }: convert the call part alone (torch.exp_ is the in-place form)
  const callable = type.isIntersection() ? type.types.find((t) => t.getCallSignatures().length) : type;
  if (!callable) return;
  const scope = context.withScope(refl);
  // a named function type (`type Compare = (input, other) => Tensor`) would print as its name
  if (callable.aliasSymbol) scope.inlineType = new Set([...scope.inlineType, callable.aliasSymbol.name]);
  const converted = context.converter.convertType(scope, callable);
  if (move_signatures(context, refl, converted, ReflectionKind.Function)) refl.type = undefined;
}

/** A Tensor op method (of Tensor or a subclass): a method with its op's doc. */
function op_method(context: Context, refl: DeclarationReflection): void {
  const row = row_of(context.getSymbolFromReflection(refl));
  if (!row) return;
  refl.comment ??= op_comment(context, refl, row);
  if (move_signatures(context, refl, refl.type, ReflectionKind.Method)) {
    refl.type = undefined;
    refl.flags.setFlag(ReflectionFlag.Readonly, false);
  }
}

/** The doc of the op a Tensor method's row installs; for an in-place form without one, a pointer. */
function op_comment(context: Context, refl: DeclarationReflection, row: Row): Comment | undefined {
  const name = row.name.getText();
  const inplace = name !== refl.name;
  const source = row_entry(row, inplace ? ["inplace"] : ["method", "fn"]);
  const comment = source && comment_of(context, source);
  if (comment || !inplace) return comment;
  return new Comment([
    { kind: "text", text: "In-place form of " },
    { kind: "code", text: "`" + name + "`" },
    { kind: "text", text: ": writes the result into this tensor and returns it." },
  ]);
}

type Row = ts.PropertyAssignment & { initializer: ts.ObjectLiteralExpression };

/** The op table row (`exp: { fn: exp, ... }` in an `op_table` call) a Tensor method was mapped from. */
function row_of(symbol: ts.Symbol | undefined): Row | undefined {
  // a mapped type's property keeps its source property as syntheticOrigin (TypeScript internals),
  // and, when its key is not remapped (`exp`, not `exp_`), its declarations too
  const links = (symbol as { links?: { syntheticOrigin?: ts.Symbol } } | undefined)?.links;
  const origin = symbol?.declarations?.[0] ?? links?.syntheticOrigin?.declarations?.[0];
  if (!origin || !ts.isPropertyAssignment(origin) || !ts.isObjectLiteralExpression(origin.initializer)) {
    return undefined;
  }
  const call = origin.parent.parent;
  return ts.isCallExpression(call) && call.expression.getText() === "op_table" ? (origin as Row) : undefined;
}

function row_entry(row: Row, keys: string[]): ts.Expression | undefined {
  for (const key of keys) {
    const p = row.initializer.properties.find((q) => q.name?.getText() === key);
    if (p && ts.isPropertyAssignment(p)) return p.initializer;
    if (p && ts.isShorthandPropertyAssignment(p)) return p.name;
  }
  return undefined;
}

/** The doc comment of the declaration an expression (`exp`, `exp.inplace`) names. */
function comment_of(context: Context, expr: ts.Expression): Comment | undefined {
  let symbol = context.checker.getSymbolAtLocation(expr);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = context.checker.getAliasedSymbol(symbol);
  const decls = symbol?.declarations ?? [];
  if (!symbol || !decls.length) return undefined;
  if (ts.isFunctionDeclaration(decls[0])) {
    for (const d of decls) {
      const c = context.getSignatureComment(d as ts.FunctionDeclaration);
      if (c) return c;
    }
    return undefined;
  }
  return destructured_comment(context, decls[0]) ?? context.getComment(symbol, ReflectionKind.Variable);
}

/** `export const [eq, eq_] = ...`: typedoc reads no comment for the names; it sits on the statement. */
function destructured_comment(context: Context, decl: ts.Declaration | undefined): Comment | undefined {
  if (!decl || !ts.isBindingElement(decl)) return undefined;
  const statement = ts.findAncestor(decl, ts.isVariableStatement);
  return statement ? context.getNodeComment(statement, false) : undefined;
}

/** Gives `refl` the call signatures of a function type (or of an intersection of them). */
function move_signatures(
  context: Context,
  refl: DeclarationReflection,
  type: SomeType | undefined,
  kind: ReflectionKind,
): boolean {
  const parts = type instanceof IntersectionType ? type.types : [type];
  const literals: ReflectionType[] = [];
  for (const t of parts) {
    if (!(t instanceof ReflectionType) || !t.declaration.signatures?.length) return false;
    literals.push(t);
  }
  refl.kind = kind;
  refl.signatures = [];
  for (const { declaration } of literals) {
    for (const sig of declaration.signatures ?? []) {
      sig.parent = refl;
      sig.name = refl.name;
      spread_rest_tuple(context, sig);
      refl.signatures.push(sig);
    }
    declaration.signatures = [];
    context.project.removeReflection(declaration);
  }
  // as typedoc does for a function-typed variable: one signature carries the doc
  if (refl.signatures.length === 1 && refl.comment && !refl.signatures[0].comment) {
    refl.signatures[0].comment = refl.comment;
    refl.comment = undefined;
  }
  return true;
}

/** `(...a: [x: Tensor, dim?: number])` -> `(x: Tensor, dim?: number)`. */
function spread_rest_tuple(context: Context, sig: SignatureReflection): void {
  const params = sig.parameters ?? [];
  const last = params[params.length - 1];
  if (!last?.flags.isRest) return;
  // the op table's method types take `...a`: name them as the docs do
  if (last.name === "a") last.name = "args";
  if (!(last.type instanceof TupleType)) return;
  const spread = last.type.elements.map((el, i) => {
    const p = new ParameterReflection(
      el instanceof NamedTupleMember ? el.name : `arg${i}`,
      ReflectionKind.Parameter,
      sig,
    );
    let type: SomeType = el instanceof NamedTupleMember ? el.element : el;
    if ((el instanceof NamedTupleMember && el.isOptional) || type instanceof OptionalType) {
      p.setFlag(ReflectionFlag.Optional);
    }
    if (type instanceof OptionalType) type = type.elementType;
    if (type instanceof RestType) {
      p.setFlag(ReflectionFlag.Rest);
      type = type.elementType;
    }
    p.type = type;
    context.project.registerReflection(p, undefined, undefined);
    return p;
  });
  context.project.removeReflection(last);
  sig.parameters = [...params.slice(0, -1), ...spread];
}
