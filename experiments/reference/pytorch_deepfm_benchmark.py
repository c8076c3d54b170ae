#!/usr/bin/env python3
"""PyTorch reference for the recsys task: training samples/s of DeepFM by BP or DFA on a click log.

Data: the first --rows records of a click log in the Criteo TSV format (label, 13 integer and 26
categorical fields, tab-separated, empty when missing), e.g. one written by
`./opu-dfa data clicks`. Prepared as the Java task does: integer fields binned by
bin(v) = v for v <= 2, floor(ln(v)^2) above; every field a categorical value; per-field
vocabularies of the values seen at least --min-count times (row 0: rarer or unseen values, row 1:
missing, then the kept values), laid end to end in one id space. The ids are read once into
memory before timing: the timed loop does no parsing (the Java trainer's figure includes its
streaming reader).

Model (as the Java task's DeepFM): one embedding table of size 10 shared by the FM term and the
MLP, N(0, 0.01^2) initial values; first-order weights (an embedding of size 1, from 0) summed with
a bias; FM pairwise term 0.5 * sum_d ((sum_f v_fd)^2 - sum_f v_fd^2); MLP 390-400-400-400, each
block Linear -> BatchNorm1d -> ReLU -> Dropout(0.2), then Linear(400, 1); logit = linear + FM +
MLP. Binary cross-entropy on the logit (BCEWithLogitsLoss, mean), Adam lr 1e-3, batch 2048.

Methods:
  bp   autograd backpropagation.
  dfa  Direct Feedback Alignment as the Java task trains it: e = dL/dlogit (batch x 1); a fixed
       Gaussian B (1 x 400, scaled by 1/sqrt(400)) shared by the three blocks; block l gets
       e B at its output and backpropagates it inside the block only (to the embeddings for the
       first block, where the paper's code detaches the MLP's input); the head, the FM term and
       the linear term get their true gradients.

Timing: the first --warmup epochs (default 1) are a warm-up; each epoch prints the time of its
training steps (batch slicing, forward, backward, Adam) and samples/s; the final `result:` line
is the mean samples/s of the epochs after the warm-up.

--threads N sets torch.set_num_threads(N) and, unless already set, OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS.
"""

import argparse
import math
import os
import sys
import time

FIELDS = 39
INTEGER_FIELDS = 13


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="click log in the Criteo TSV format")
    p.add_argument("--rows", type=int, default=200000, help="records read from the start of the log (default 200000)")
    p.add_argument("--min-count", type=int, default=10, help="fewest occurrences for a value's own row (default 10)")
    p.add_argument("--method", choices=("bp", "dfa"), default="bp", help="training rule (default bp)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--epochs", type=int, default=2, help="epochs, the warm-up included (default 2)")
    p.add_argument("--warmup", type=int, default=1, help="epochs left out of the mean (default 1)")
    p.add_argument("--batch", type=int, default=2048, help="batch size (default 2048)")
    p.add_argument("--lr", type=float, default=1e-3, help="Adam learning rate (default 1e-3)")
    p.add_argument("--seed", type=int, default=1, help="seed of initialisation, dropout and B (default 1)")
    args = p.parse_args(argv)
    if args.threads < 1 or args.epochs < 1 or args.batch < 1 or args.rows < 1 or args.min_count < 1:
        p.error("threads, epochs, batch, rows and min-count must be at least 1")
    return args


def bin_integer(text, where):
    try:
        v = int(text)
    except ValueError:
        sys.exit(f"{where} has \"{text}\" in an integer field, but integer fields must be whole numbers or empty")
    return v if v <= 2 else int(math.floor(math.log(v) ** 2))


def read_log(path, rows):
    """Returns the labels and, per record, the 39 keys (None for missing)."""
    labels = []
    records = []
    with open(path, "r", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if n > rows:
                break
            cols = line.rstrip("\r\n").split("\t")
            where = f"line {n} of {path}"
            if len(cols) != FIELDS + 1:
                sys.exit(f"{where} has {len(cols)} tab-separated fields, but a click record has {FIELDS + 1}")
            if cols[0] not in ("0", "1"):
                sys.exit(f"{where} has the label \"{cols[0]}\", but a label must be 0 or 1")
            labels.append(float(cols[0]))
            keys = []
            for i, c in enumerate(cols[1:]):
                if c == "":
                    keys.append(None)
                elif i < INTEGER_FIELDS:
                    keys.append(bin_integer(c, where))
                else:
                    keys.append(c)
            records.append(keys)
    return labels, records


def vocabulary_ids(records, min_count):
    counts = [dict() for _ in range(FIELDS)]
    for keys in records:
        for f, k in enumerate(keys):
            if k is not None:
                counts[f][k] = counts[f].get(k, 0) + 1
    offsets = []
    rows = []
    total = 0
    for f in range(FIELDS):
        kept = sorted((k for k, c in counts[f].items() if c >= min_count), key=lambda k: (-counts[f][k], str(k)))
        rows.append({k: i + 2 for i, k in enumerate(kept)})
        offsets.append(total)
        total += len(kept) + 2
    ids = [[offsets[f] + (1 if k is None else rows[f].get(k, 0)) for f, k in enumerate(keys)] for keys in records]
    return ids, total


def main(argv):
    args = parse_args(argv)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(var, str(args.threads))
    import torch
    import torch.nn as nn

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    labels, records = read_log(args.data, args.rows)
    ids, vocabulary = vocabulary_ids(records, args.min_count)
    x = torch.tensor(ids, dtype=torch.long)
    y = torch.tensor(labels, dtype=torch.float32).unsqueeze(1)
    k, hidden = 10, 400

    class DeepFM(nn.Module):
        def __init__(self):
            super().__init__()
            self.embedding = nn.Embedding(vocabulary, k)
            nn.init.normal_(self.embedding.weight, 0.0, 0.01)
            self.first = nn.Embedding(vocabulary, 1)
            nn.init.zeros_(self.first.weight)
            self.bias = nn.Parameter(torch.zeros(1))
            widths = [FIELDS * k, hidden, hidden, hidden]
            self.blocks = nn.ModuleList(nn.Sequential(nn.Linear(widths[i], widths[i + 1]),
                                                      nn.BatchNorm1d(widths[i + 1]), nn.ReLU(), nn.Dropout(0.2))
                                        for i in range(3))
            self.head = nn.Linear(hidden, 1)

        def forward(self, ids, dfa=False):
            v = self.embedding(ids)                                    # batch x fields x k
            s = v.sum(dim=1)
            fm = 0.5 * (s * s - (v * v).sum(dim=1)).sum(dim=1, keepdim=True)
            linear = self.first(ids).sum(dim=1) + self.bias
            h = v.reshape(ids.shape[0], FIELDS * k)
            outs = []
            for block in self.blocks:
                h = block(h)
                outs.append(h)
                if dfa:
                    h = h.detach().requires_grad_(False)
            return linear + fm + self.head(h), outs

    model = DeepFM()
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.BCEWithLogitsLoss()
    feedback = torch.randn(1, hidden) / math.sqrt(hidden)
    n = x.shape[0]
    print(f"data: {n} records of {args.data}, {vocabulary} embedding ids (min count {args.min_count}); "
          f"method {args.method}, batch {args.batch}, {args.threads} threads, torch {torch.__version__}")
    rates = []
    for epoch in range(1, args.epochs + 1):
        model.train()
        start = time.perf_counter()
        for b in range(0, n, args.batch):
            xb = x[b:b + args.batch]
            yb = y[b:b + args.batch]
            optimizer.zero_grad(set_to_none=True)
            logit, outs = model(xb, dfa=args.method == "dfa")
            if args.method == "bp":
                loss_fn(logit, yb).backward()
            else:
                logit.retain_grad()
                loss_fn(logit, yb).backward(retain_graph=True)
                e = logit.grad                                          # batch x 1
                signal = e @ feedback
                torch.autograd.backward(outs, [signal] * len(outs))
            optimizer.step()
        seconds = time.perf_counter() - start
        rate = n / seconds
        print(f"epoch {epoch}: {seconds:.2f} s, {rate:.0f} samples/s" + (" (warm-up)" if epoch <= args.warmup else ""))
        if epoch > args.warmup:
            rates.append(rate)
    if rates:
        print(f"result: {sum(rates) / len(rates):.0f} samples/s ({args.method}, mean of {len(rates)} epochs after the warm-up)")
    else:
        sys.exit(f"--epochs {args.epochs} leaves no epoch after a warm-up of {args.warmup}: give more epochs than warm-up ones")


if __name__ == "__main__":
    main(sys.argv[1:])
