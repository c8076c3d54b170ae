#!/usr/bin/env python3
"""PyTorch reference for the graph task: GCN trained by BP or DFA on a LINQS citation graph.

Data: a LINQS data set, NAME.content (paper id, 0/1 word features, class label) and NAME.cites
(cited id, citing id), as Cora ships and as `opu-dfa data graph --out DIR` writes. Citations of
ids missing from the content file and self-citations are skipped; a citation in either direction
is one undirected edge. Features are row-normalised (each row divided by its sum). The standard
split: in a random order of the nodes (from --seed), the first 20 nodes of each class are
labelled, the next 500 validate and the next 1000 test.

Model (Kipf and Welling 2017, as the Java task's gcn): logits = A·drop(ReLU(A·X·W1ᵀ + b1))·W2ᵀ + b2
with A = D^-1/2 (Adj + I) D^-1/2 (sparse), 16 hidden units, Glorot-uniform weights, zero biases;
softmax cross-entropy on the labelled nodes; full-batch Adam.

Methods:
  bp   autograd backpropagation (dropout 0.5, weight decay 5e-4 on every parameter, lr 0.01).
  dfa  Direct Feedback Alignment with the feedback point after the first layer's ReLU and the
       error at the logits: e = dL/dlogits (zero on unlabelled nodes); the hidden layer receives
       e·B (B: classes × 16, Gaussian, scaled by 1/sqrt(16)) as the gradient of its ReLU output
       and backpropagates it through layer 1 only; layer 2 gets its true gradient (dropout 0.1,
       weight decay 1e-4, lr 0.01).

Reports, after --epochs epochs (default 200), the test accuracy at the epoch of best validation
accuracy, and the mean wall-clock time of a training step (forward, gradients, Adam) over the
epochs after the first (a warm-up); evaluation is outside the timing.

--threads N sets torch.set_num_threads(N) and, unless already set, OPENBLAS_NUM_THREADS and
OMP_NUM_THREADS.
"""

import argparse
import glob
import os
import sys
import time

HIDDEN = 16


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="folder holding NAME.content and NAME.cites")
    p.add_argument("--method", choices=("bp", "dfa"), default="bp", help="training rule (default bp)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--epochs", type=int, default=200, help="epochs (default 200)")
    p.add_argument("--seed", type=int, default=0, help="seed of the split, initialisation, dropout and B")
    args = p.parse_args(argv)
    if args.threads < 1 or args.epochs < 2:
        p.error("threads must be at least 1 and epochs at least 2")
    return args


def read_linqs(folder):
    contents = glob.glob(os.path.join(folder, "*.content"))
    if len(contents) != 1:
        raise SystemExit(f"{folder} must hold exactly one .content file, found {len(contents)}")
    content = contents[0]
    cites = content[:-len(".content")] + ".cites"
    ids, rows, labels = {}, [], []
    with open(content, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            ids[fields[0]] = len(rows)
            rows.append([j for j, v in enumerate(fields[1:-1]) if v == "1"])
            labels.append(fields[-1])
    feature_count = len(line.split()) - 2
    edges = set()
    with open(cites, encoding="utf-8") as f:
        for line in f:
            fields = line.split()
            if len(fields) != 2 or fields[0] not in ids or fields[1] not in ids:
                continue
            u, v = ids[fields[0]], ids[fields[1]]
            if u != v:
                edges.add((min(u, v), max(u, v)))
    classes = sorted(set(labels))
    y = [classes.index(c) for c in labels]
    return rows, feature_count, y, len(classes), sorted(edges)


def build(torch, rows, feature_count, edges, n):
    """Row-normalised sparse features and the symmetric normalised adjacency with self-loops."""
    fi, fj, fv = [], [], []
    for i, cols in enumerate(rows):
        for j in cols:
            fi.append(i)
            fj.append(j)
            fv.append(1.0 / len(cols))
    x = torch.sparse_coo_tensor([fi, fj], fv, (n, feature_count)).coalesce().to_sparse_csr()
    degree = [1.0] * n
    for u, v in edges:
        degree[u] += 1
        degree[v] += 1
    ai, aj, av = list(range(n)), list(range(n)), [1.0 / degree[i] for i in range(n)]
    for u, v in edges:
        w = 1.0 / (degree[u] * degree[v]) ** 0.5
        ai += [u, v]
        aj += [v, u]
        av += [w, w]
    a = torch.sparse_coo_tensor([ai, aj], av, (n, n)).coalesce().to_sparse_csr()
    return x, a


def standard_split(torch, y, classes, seed):
    gen = torch.Generator().manual_seed(seed)
    order = torch.randperm(len(y), generator=gen).tolist()
    taken = [0] * classes
    train = []
    for i in order:
        if taken[y[i]] < 20:
            taken[y[i]] += 1
            train.append(i)
    labelled = set(train)
    rest = [i for i in order if i not in labelled]
    return train, rest[:500], rest[500:1500]


def main(argv):
    args = parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    rows, feature_count, y_list, classes, edges = read_linqs(args.data)
    n = len(rows)
    x, a = build(torch, rows, feature_count, edges, n)
    y = torch.tensor(y_list)
    train, val, test = standard_split(torch, y_list, classes, args.seed)
    train_t, val_t, test_t = torch.tensor(train), torch.tensor(val), torch.tensor(test)

    torch.manual_seed(args.seed)
    w1 = torch.nn.Parameter(torch.empty(HIDDEN, feature_count))
    w2 = torch.nn.Parameter(torch.empty(classes, HIDDEN))
    torch.nn.init.xavier_uniform_(w1)
    torch.nn.init.xavier_uniform_(w2)
    b1 = torch.nn.Parameter(torch.zeros(HIDDEN))
    b2 = torch.nn.Parameter(torch.zeros(classes))
    dfa = args.method == "dfa"
    dropout, decay = (0.1, 1e-4) if dfa else (0.5, 5e-4)
    opt = torch.optim.Adam([w1, b1, w2, b2], lr=0.01, weight_decay=decay)
    feedback = torch.randn(classes, HIDDEN) / HIDDEN ** 0.5

    def forward(training):
        h = torch.relu(torch.sparse.mm(a, torch.sparse.mm(x, w1.t())) + b1)
        top = h.detach().requires_grad_(True) if dfa and training else h
        d = F.dropout(top, p=dropout, training=training)
        return h, top, torch.sparse.mm(a, d @ w2.t()) + b2

    print(f"torch {torch.__version__}, method {args.method}, threads {torch.get_num_threads()}, "
          f"{n} nodes, {len(edges)} edges, {feature_count} features, {classes} classes", flush=True)
    best_val, test_at_best, times = -1.0, 0.0, []
    for epoch in range(1, args.epochs + 1):
        start = time.perf_counter()
        opt.zero_grad()
        h, top, logits = forward(True)
        loss = F.cross_entropy(logits[train_t], y[train_t])
        if dfa:
            logits.retain_grad()
            loss.backward()  # true gradients of layer 2, and e at the logits
            e = logits.grad
            h.backward(e @ feedback)  # the projected error, sent down layer 1 only
        else:
            loss.backward()
        opt.step()
        if epoch > 1:
            times.append(time.perf_counter() - start)
        with torch.no_grad():
            predicted = forward(False)[2].argmax(dim=1)
            val_acc = (predicted[val_t] == y[val_t]).float().mean().item()
            test_acc = (predicted[test_t] == y[test_t]).float().mean().item()
        if val_acc > best_val:
            best_val, test_at_best = val_acc, test_acc
    step_ms = 1000 * sum(times) / len(times)
    print(f"result: method={args.method} seed={args.seed} test_accuracy_at_best_validation={test_at_best:.4f} "
          f"best_validation_accuracy={best_val:.4f} ms_per_step={step_ms:.2f} "
          f"(mean of {len(times)} steps after the first)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
