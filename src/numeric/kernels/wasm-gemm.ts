// A WebAssembly SIMD (f64x2) micro-kernel for matmul, assembled here from bytes.
//
// Why: V8 compiles plain JS float code to scalar SSE instructions; the same 4×4 register tile
// written with f64x2 does two multiplies and two adds per instruction pair and measured ~4× the
// plain-JS kernel (bench/matmul.bench.ts). No .wat toolchain is available at build time, so the
// few instructions needed are encoded by the tiny assembler below; the module is fixed, not
// generated from any input. Tried and dropped: unrolling the k loop by 2 (no gain) and a 6×4 tile
// (slower: register spills). V8 first runs a new module on its baseline compiler and tiers up to
// the optimising one while it is hot, so the first few large products are slower.
//
// The module imports one memory and exports `gemm(pa, pb, pc, panelsA, panelsB, kc, ldc)`:
// for every pair of packed panels — A panels of 4 rows × kc (column-interleaved, 32 bytes per k),
// B panels of kc × 4 columns (32 bytes per k) — it adds the 4×4 product into C at
// pc + ip·4·ldc + jp·32 (ldc in bytes). All pointers are byte offsets, 16-byte aligned; kc,
// panelsA and panelsB must be ≥ 1 (the loops test at the bottom). Edges are the caller's business:
// it pads A and B panels with zeros and C to multiples of 4.

const I32 = 0x7f;
const V128 = 0x7b;

const op = {
  end: 0x0b,
  loop: 0x03,
  brIf: 0x0d,
  call: 0x10,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  simd: 0xfd,
} as const;

// SIMD sub-opcodes (after the 0xfd prefix, LEB128-encoded).
const simd = { v128Load: 0x00, v128Load64Splat: 0x0a, v128Store: 0x0b, f64x2Add: 0xf0, f64x2Mul: 0xf2 } as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const get = (i: number) => [op.localGet, ...uleb(i)];
const set = (i: number) => [op.localSet, ...uleb(i)];
const tee = (i: number) => [op.localTee, ...uleb(i)];
const i32 = (n: number) => [op.i32Const, ...sleb(n)];
const simdOp = (code: number, ...rest: number[]) => [op.simd, ...uleb(code), ...rest];
/** memarg: log2 alignment, then the constant offset added to the address. */
const load128 = (offset: number) => simdOp(simd.v128Load, 4, ...uleb(offset));
const store128 = (offset: number) => simdOp(simd.v128Store, 4, ...uleb(offset));
const loadSplat = (offset: number) => simdOp(simd.v128Load64Splat, 3, ...uleb(offset));
const fadd = simdOp(simd.f64x2Add);
const fmul = simdOp(simd.f64x2Mul);

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  const bytes = [...new TextEncoder().encode(s)];
  return [...uleb(bytes.length), ...bytes];
}

function funcBody(locals: [count: number, type: number][], code: number[]): number[] {
  const body = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, op.end];
  return [...uleb(body.length), ...body];
}

/** kernel(pa, pb, pc, kc, ldc): C[4×4 at pc, row stride ldc bytes] += A panel · B panel. */
function kernelCode(): number[] {
  const [pa, pb, pc, kc, ldc, end] = [0, 1, 2, 3, 4, 5];
  const acc = (row: number, half: number) => 6 + 2 * row + half; // locals 6..13: 8 × f64x2
  const [b01, b23, a] = [14, 15, 16];
  const code: number[] = [];
  code.push(...get(pa), ...get(kc), ...i32(5), op.i32Shl, op.i32Add, ...set(end)); // end = pa + kc·32
  code.push(op.loop, 0x40);
  code.push(...get(pb), ...load128(0), ...set(b01));
  code.push(...get(pb), ...load128(16), ...set(b23));
  for (let r = 0; r < 4; r++) {
    code.push(...get(pa), ...loadSplat(8 * r), ...set(a));
    code.push(...get(acc(r, 0)), ...get(a), ...get(b01), ...fmul, ...fadd, ...set(acc(r, 0)));
    code.push(...get(acc(r, 1)), ...get(a), ...get(b23), ...fmul, ...fadd, ...set(acc(r, 1)));
  }
  code.push(...get(pb), ...i32(32), op.i32Add, ...set(pb));
  code.push(...get(pa), ...i32(32), op.i32Add, ...tee(pa), ...get(end), op.i32LtU, op.brIf, 0);
  code.push(op.end);
  for (let r = 0; r < 4; r++) {
    code.push(...get(pc), ...get(pc), ...load128(0), ...get(acc(r, 0)), ...fadd, ...store128(0));
    code.push(...get(pc), ...get(pc), ...load128(16), ...get(acc(r, 1)), ...fadd, ...store128(16));
    code.push(...get(pc), ...get(ldc), op.i32Add, ...set(pc));
  }
  return funcBody([[1, I32], [11, V128]], code);
}

/** gemm(pa, pb, pc, panelsA, panelsB, kc, ldc): every B panel (outer, so it stays in L1) against
 * every A panel (inner). */
function gemmCode(): number[] {
  const [pa, pb, pc, panelsA, panelsB, kc, ldc] = [0, 1, 2, 3, 4, 5, 6];
  const [jp, ip, panelBytes, aPtr, cPtr] = [7, 8, 9, 10, 11];
  const KERNEL = 0;
  const code: number[] = [];
  code.push(...get(kc), ...i32(5), op.i32Shl, ...set(panelBytes));
  code.push(op.loop, 0x40);
  code.push(...i32(0), ...set(ip), ...get(pa), ...set(aPtr));
  code.push(...get(pc), ...get(jp), ...i32(5), op.i32Shl, op.i32Add, ...set(cPtr));
  code.push(op.loop, 0x40);
  code.push(...get(aPtr), ...get(pb), ...get(jp), ...get(panelBytes), op.i32Mul, op.i32Add);
  code.push(...get(cPtr), ...get(kc), ...get(ldc), op.call, ...uleb(KERNEL));
  code.push(...get(aPtr), ...get(panelBytes), op.i32Add, ...set(aPtr));
  code.push(...get(cPtr), ...get(ldc), ...i32(2), op.i32Shl, op.i32Add, ...set(cPtr));
  code.push(...get(ip), ...i32(1), op.i32Add, ...tee(ip), ...get(panelsA), op.i32LtU, op.brIf, 0);
  code.push(op.end);
  code.push(...get(jp), ...i32(1), op.i32Add, ...tee(jp), ...get(panelsB), op.i32LtU, op.brIf, 0);
  code.push(op.end);
  return funcBody([[5, I32]], code);
}

export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const fnType = (params: number) => [0x60, ...vec(Array.from({ length: params }, () => [I32])), 0];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vec([fnType(5), fnType(7)])), // types: kernel, gemm
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])), // import memory
    ...section(3, vec([[0], [1]])), // function 0 = kernel (type 0), function 1 = gemm (type 1)
    ...section(7, vec([[...name('gemm'), 0x00, 1]])), // export gemm
    ...section(10, vec([kernelCode(), gemmCode()])),
  ];
  return Uint8Array.from(bytes);
}

export interface WasmGemm {
  /** The memory the kernel works in; call ensure() before writing past its end. */
  readonly memory: WebAssembly.Memory;
  /** Make sure at least `bytes` of memory exist (views of memory.buffer are stale after growth). */
  ensure(bytes: number): void;
  gemm(pa: number, pb: number, pc: number, panelsA: number, panelsB: number, kc: number, ldc: number): void;
}

const PAGE = 65536;

/** Instantiate once; null where WebAssembly SIMD is unavailable (matmul then stays in plain JS). */
export function createWasmGemm(): WasmGemm | null {
  try {
    const bytes = gemmModuleBytes();
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const gemm = instance.exports['gemm'] as WasmGemm['gemm'];
    return {
      memory,
      ensure(needed: number): void {
        const have = memory.buffer.byteLength;
        if (needed > have) memory.grow(Math.ceil((needed - have) / PAGE));
      },
      gemm,
    };
  } catch {
    return null;
  }
}
