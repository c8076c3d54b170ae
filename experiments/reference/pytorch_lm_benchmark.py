#!/usr/bin/env python3
"""PyTorch reference for the transformer language model: tokens/s and bits per character of BP, DFA and shallow.

The same model, data and rules as opu-dfa's task lm (org.opudfa.dfa.task.lm), so that the Java
trainer's throughput and learning can be compared with a well-known CPU implementation:

Data: the bytes of a UTF-8 text (default: the plain-text files of the Debian package fortunes in
/usr/share/games/fortunes, without the .dat indexes, the .u8 links and the off/ folder, joined in
order of path), one token per byte (vocabulary 256), split in order 90 % / 5 % / 5 %. A training
batch holds B windows of C tokens at uniformly drawn starts; the targets are the next tokens.
Validation covers the validation text with windows at 0, C, 2C, ... (the last one moved back to
end at the last token, each token predicted once).

Model (post-norm, as the paper's code), for d = --d-model, H heads, F = 4d:
  x = sqrt(d) * E[token] + P[position]          E ~ U[-0.1, 0.1), P sinusoidal
  block: h = LN(x + W_o attn(W_qkv x)),  y = LN(h + W_2 gelu_tanh(W_1 h))
  logits = head(LN(y_L))
attention is causal multi-head scaled dot-product attention over the packed W_qkv x; every linear
layer has nn.Linear's default initialisation (U[-1/sqrt(in), 1/sqrt(in)) for weights and biases);
no dropout. Loss: softmax cross-entropy, mean over tokens. Adam (beta2 = 0.999).

Rules:
  bp       autograd backpropagation.
  dfa      Direct Feedback Alignment (Launay et al. 2020, TinyDFA's transformer layout): the error
           e = dL/dy_L is the true gradient at the last block's output (one row per token, d
           values); one Gaussian B (m x d, N(0, 1)), scaled by 1/sqrt(m), is shared by the
           feedback points, each taking the first columns of P = e B^T it needs (m = the widest
           point); --feedback macro puts a point after each block, micro also after the
           attention's norm and after the feed-forward layer's GELU. Each block's input is
           detached, so no gradient crosses a feedback point; the final norm and the head get
           their true gradient.
  shallow  only the final norm and the head learn; the blocks keep their initial weights.

Timing: --warmup steps first (not timed), then --steps timed training steps (forward, gradients,
optimiser step; windows are drawn outside the timing); tokens/s = steps * B * C / seconds. The
validation bits per character after the timed steps end the output, then a 'result:' line.

--threads N sets torch.set_num_threads(N) and, unless already set in the environment,
OPENBLAS_NUM_THREADS and OMP_NUM_THREADS.
"""

import argparse
import math
import os
import sys
import time

DEFAULT_DATA = "/usr/share/games/fortunes"
VOCABULARY = 256
EMBEDDING_INIT = 0.1


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--method", choices=("bp", "dfa", "shallow"), default="bp", help="training rule (default bp)")
    p.add_argument("--feedback", choices=("macro", "micro"), default="macro", help="DFA feedback points")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--steps", type=int, default=40, help="timed training steps (default 40)")
    p.add_argument("--warmup", type=int, default=5, help="untimed steps first (default 5)")
    p.add_argument("--layers", type=int, default=4)
    p.add_argument("--d-model", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--context", type=int, default=128)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-4, help="Adam learning rate (default 5e-4)")
    p.add_argument("--seed", type=int, default=1, help="seed of initialisation, windows and B (default 1)")
    p.add_argument("--data", default=DEFAULT_DATA, help="UTF-8 text file or folder (default: the fortunes)")
    args = p.parse_args(argv)
    for name in ("threads", "steps", "layers", "d_model", "heads", "context", "batch"):
        if getattr(args, name) < 1:
            p.error(f"{name.replace('_', '-')} must be at least 1, got {getattr(args, name)}")
    if args.warmup < 0:
        p.error(f"warmup must be at least 0, got {args.warmup}")
    if args.d_model % args.heads:
        p.error(f"d-model ({args.d_model}) must be a multiple of heads ({args.heads})")
    if not args.lr > 0:
        p.error(f"lr must be positive, got {args.lr}")
    return args


def read_text(path):
    """The corpus bytes, as opu-dfa reads them (fortunes: no .dat, no links, no off/)."""
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return f.read()
    files = []
    for root, dirs, names in os.walk(path):
        dirs.sort()
        for n in names:
            full = os.path.join(root, n)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            if path.rstrip("/") == DEFAULT_DATA and (n.endswith(".dat") or os.sep + "off" + os.sep in full):
                continue
            files.append(full)
    files.sort()
    data = b"".join(open(f, "rb").read() for f in files)
    if not data:
        raise SystemExit(f"{path} holds no text")
    return data


class Block:
    """Builds one post-norm block's modules and applies them."""

    def __init__(self, torch, nn, d, heads, ffn):
        self.torch = torch
        self.heads = heads
        self.qkv = nn.Linear(d, 3 * d)
        self.out = nn.Linear(d, d)
        self.norm1 = nn.LayerNorm(d)
        self.ffn_in = nn.Linear(d, ffn)
        self.ffn_out = nn.Linear(ffn, d)
        self.norm2 = nn.LayerNorm(d)
        self.modules = [self.qkv, self.out, self.norm1, self.ffn_in, self.ffn_out, self.norm2]

    def parameters(self):
        return [p for m in self.modules for p in m.parameters()]

    def forward(self, x, mask, points):
        torch = self.torch
        b, t, d = x.shape
        dh = d // self.heads
        q, k, v = self.qkv(x).split(d, dim=2)
        q = q.view(b, t, self.heads, dh).transpose(1, 2)
        k = k.view(b, t, self.heads, dh).transpose(1, 2)
        v = v.view(b, t, self.heads, dh).transpose(1, 2)
        s = (q @ k.transpose(-2, -1)) / math.sqrt(dh)
        s = s.masked_fill(mask[:t, :t], float("-inf"))
        a = torch.softmax(s, dim=-1) @ v
        a = self.out(a.transpose(1, 2).reshape(b, t, d))
        h = self.norm1(x + a)
        if points is not None:
            h = points.cut(h, micro=True)
        f = torch.nn.functional.gelu(self.ffn_in(h), approximate="tanh")
        if points is not None:
            f = points.cut(f, micro=True)
        y = self.norm2(h + self.ffn_out(f))
        if points is not None:
            y = points.cut(y, micro=False)
        return y


class FeedbackPoints:
    """Records the tensors at DFA's feedback points and hands a detached copy onward."""

    def __init__(self, micro):
        self.micro = micro
        self.points = []

    def cut(self, tensor, micro):
        if micro and not self.micro:
            return tensor
        self.points.append(tensor)
        return tensor.detach().requires_grad_(True)


def sinusoidal(torch, length, d):
    p = torch.zeros(length, d)
    pos = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    i = torch.arange(0, d, 2, dtype=torch.float64)
    angle = pos / torch.pow(10000.0, i / d)
    p[:, 0::2] = torch.sin(angle).float()
    p[:, 1::2] = torch.cos(angle).float()
    return p


def main(argv):
    args = parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import torch
    from torch import nn
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    text = read_text(args.data)
    n = len(text)
    train_end = int(n * 0.90)
    valid_end = train_end + int(n * 0.05)
    tokens = torch.frombuffer(bytearray(text), dtype=torch.uint8).long()
    train, valid = tokens[:train_end], tokens[train_end:valid_end]
    d, c, bsz, ffn = args.d_model, args.context, args.batch, 4 * args.d_model
    print(f"text: {n} bytes from {args.data}; model {args.layers} x {d}, {args.heads} heads, context {c}, "
          f"batch {bsz}; {args.method}{' ' + args.feedback if args.method == 'dfa' else ''}; "
          f"{torch.get_num_threads()} threads; torch {torch.__version__}", flush=True)

    embedding = nn.Embedding(VOCABULARY, d)
    nn.init.uniform_(embedding.weight, -EMBEDDING_INIT, EMBEDDING_INIT)
    positions = sinusoidal(torch, c, d)
    blocks = [Block(torch, nn, d, args.heads, ffn) for _ in range(args.layers)]
    final_norm = nn.LayerNorm(d)
    head = nn.Linear(d, VOCABULARY)
    mask = torch.triu(torch.ones(c, c, dtype=torch.bool), diagonal=1)
    top = list(final_norm.parameters()) + list(head.parameters())
    below = [embedding.weight] + [p for blk in blocks for p in blk.parameters()]
    trained = top if args.method == "shallow" else below + top
    optimizer = torch.optim.Adam(trained, lr=args.lr, betas=(0.9, 0.999))
    widths = [d] if args.feedback == "macro" else [d, ffn, d]
    m = max(widths)
    feedback = torch.randn(m, d) / math.sqrt(m)

    def forward(x, points):
        h = embedding(x) * math.sqrt(d) + positions[: x.shape[1]]
        for blk in blocks:
            h = blk.forward(h, mask, points)
        return h

    def logits_of(h):
        return head(final_norm(h))

    loss_fn = nn.CrossEntropyLoss()

    def step(x, y):
        optimizer.zero_grad(set_to_none=True)
        if args.method == "bp":
            loss = loss_fn(logits_of(forward(x, None)).reshape(-1, VOCABULARY), y.reshape(-1))
            loss.backward()
        elif args.method == "shallow":
            with torch.no_grad():
                h = forward(x, None)
            loss = loss_fn(logits_of(h).reshape(-1, VOCABULARY), y.reshape(-1))
            loss.backward()
        else:
            points = FeedbackPoints(args.feedback == "micro")
            h_top = forward(x, points)  # the last point's detached copy: the error point
            loss = loss_fn(logits_of(h_top).reshape(-1, VOCABULARY), y.reshape(-1))
            loss.backward()
            e = h_top.grad.reshape(-1, d)
            with torch.no_grad():
                projection = e @ feedback.t()
            signals = [projection[:, :p.shape[-1]].reshape(p.shape) for p in points.points]
            torch.autograd.backward(points.points, signals)
        optimizer.step()
        return loss.item()

    generator = torch.Generator().manual_seed(args.seed)

    def batch():
        starts = torch.randint(0, len(train) - c, (bsz,), generator=generator)
        idx = starts.unsqueeze(1) + torch.arange(c + 1)
        w = train[idx]
        return w[:, :-1], w[:, 1:]

    for _ in range(args.warmup):
        step(*batch())
    elapsed = 0.0
    loss = float("nan")
    for s in range(args.steps):
        x, y = batch()
        t0 = time.perf_counter()
        loss = step(x, y)
        elapsed += time.perf_counter() - t0
    tokens_per_s = args.steps * bsz * c / elapsed

    with torch.no_grad():
        windows = (len(valid) - 1 + c - 1) // c
        w = torch.arange(windows)
        starts = torch.clamp(w * c, max=len(valid) - 1 - c)
        segments = valid[starts.unsqueeze(1) + torch.arange(c + 1)]
        targets = segments[:, 1:].clone()
        # targets at or before position w*c were predicted by the window before
        targets[torch.arange(c).unsqueeze(0) < (w * c - starts).unsqueeze(1)] = -100
        total, count = 0.0, 0
        for w0 in range(0, windows, bsz):
            logits = logits_of(forward(segments[w0:w0 + bsz, :-1], None))
            t = targets[w0:w0 + bsz].reshape(-1)
            total += nn.functional.cross_entropy(logits.reshape(-1, VOCABULARY), t, ignore_index=-100,
                                                 reduction="sum").item()
            count += int((t != -100).sum())
    bits = total / count / math.log(2)
    print(f"last training loss {loss:.4f} nats; validation {bits:.4f} bits per character after "
          f"{args.warmup + args.steps} steps", flush=True)
    print(f"result: {args.method}{'-' + args.feedback if args.method == 'dfa' else ''} "
          f"{tokens_per_s:.0f} tokens/s over {args.steps} steps ({elapsed:.1f} s)", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
