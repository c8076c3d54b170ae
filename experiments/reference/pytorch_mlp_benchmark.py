#!/usr/bin/env python3
"""PyTorch reference for the MLP training benchmark: samples/s of BP and DFA on Fashion-MNIST.

Model: 784-1024-1024-10 with tanh hidden units, softmax cross-entropy (mean over the batch),
batch 128, Adam (lr 1e-4), nn.Linear's default initialisation (U[-1/sqrt(in), 1/sqrt(in)) for
weights and biases, the same as the Java trainer's UNIFORM_FAN_IN).

Data: the IDX .gz files of Fashion-MNIST; pixels scaled to [0, 1], then standardised with the
global pixel mean and standard deviation of the training set (one scalar each).

Methods:
  bp   ordinary backpropagation through autograd.
  dfa  Direct Feedback Alignment (Launay et al., TinyDFA formulation). With
       e = dL/dy = (softmax(y) - onehot) / batch and a fixed Gaussian B (10 x 1024, entries
       N(0, 1) scaled by 1/sqrt(1024)) shared by both hidden layers (each takes the slice of its
       width, here the whole matrix), hidden layer l receives at its output the gradient
           delta_l = (e B)[:, slice_l] * tanh'(a_l) = (e B)[:, slice_l] * (1 - h_l^2),
       so dW_l = delta_l^T h_{l-1} and db_l = sum over the batch of delta_l. The output layer gets
       its true gradient (dW_3 = e^T h_2, db_3 = sum of e). No gradient crosses between layers.
       The gradients are computed by hand under torch.no_grad and handed to the same Adam.

Timing: epoch 1 is a warm-up; for every epoch the wall-clock time of the training steps alone
(forward, gradient, optimiser step; the shuffle and the evaluation are outside) gives
samples/s = training samples / seconds. Test accuracy is measured after each epoch.

--threads N sets torch.set_num_threads(N) and, unless already set in the environment,
OPENBLAS_NUM_THREADS and OMP_NUM_THREADS (so a BLAS that torch calls uses the same count).
"""

import argparse
import gzip
import os
import struct
import sys
import time

DEFAULT_DATA = "/usr/share/datasets/fashion-mnist"
HIDDEN = 1024
CLASSES = 10
INPUTS = 28 * 28
EVAL_BATCH = 1000


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--method", choices=("bp", "dfa"), default="bp", help="training rule (default bp)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--epochs", type=int, default=2,
                   help="epochs; the first is a warm-up and is not in the summary (default 2)")
    p.add_argument("--batch", type=int, default=128, help="batch size (default 128)")
    p.add_argument("--lr", type=float, default=1e-4, help="Adam learning rate (default 1e-4)")
    p.add_argument("--seed", type=int, default=1, help="seed of initialisation, shuffling and B (default 1)")
    p.add_argument("--data", default=DEFAULT_DATA,
                   help="directory holding the four Fashion-MNIST IDX .gz files (default %(default)s)")
    args = p.parse_args(argv)
    if args.threads < 1:
        p.error(f"threads must be at least 1, got {args.threads}")
    if args.epochs < 1:
        p.error(f"epochs must be at least 1, got {args.epochs}")
    if args.batch < 1:
        p.error(f"batch must be at least 1, got {args.batch}")
    if not args.lr > 0:
        p.error(f"lr must be positive, got {args.lr}")
    return args


def read_idx(path):
    """Reads a gzip'd IDX file (unsigned bytes) into a uint8 tensor of the stored shape."""
    import torch
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", raw[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file (magic {zero:#x}, type {dtype:#x})")
    dims = struct.unpack(">" + "I" * ndim, raw[4:4 + 4 * ndim])
    data = torch.frombuffer(bytearray(raw[4 + 4 * ndim:]), dtype=torch.uint8)
    return data.reshape(dims)


def load(data_dir):
    """Returns (train_x, train_y, test_x, test_y); x float32 (n, 784) standardised, y int64."""
    def part(images, labels):
        x = read_idx(os.path.join(data_dir, images)).reshape(-1, INPUTS).float().div_(255.0)
        y = read_idx(os.path.join(data_dir, labels)).long()
        return x, y

    train_x, train_y = part("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
    test_x, test_y = part("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
    mean = train_x.double().mean().item()
    std = train_x.double().std(unbiased=False).item()
    train_x.sub_(mean).div_(std)
    test_x.sub_(mean).div_(std)
    return train_x, train_y, test_x, test_y


def build_model(torch, seed):
    torch.manual_seed(seed)
    nn = torch.nn
    return nn.ModuleList([nn.Linear(INPUTS, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, CLASSES)])


def bp_step(torch, layers, opt, x, y):
    """One backpropagation step through autograd."""
    h = torch.tanh(layers[0](x))
    h = torch.tanh(layers[1](h))
    logits = layers[2](h)
    loss = torch.nn.functional.cross_entropy(logits, y)
    opt.zero_grad(set_to_none=False)
    loss.backward()
    opt.step()


def dfa_step(torch, layers, opt, feedback, x, y):
    """One DFA step: manual gradients under no_grad, then the optimiser step."""
    with torch.no_grad():
        l1, l2, l3 = layers
        h1 = torch.tanh(torch.addmm(l1.bias, x, l1.weight.t()))
        h2 = torch.tanh(torch.addmm(l2.bias, h1, l2.weight.t()))
        logits = torch.addmm(l3.bias, h2, l3.weight.t())
        e = torch.softmax(logits, dim=1)
        e[torch.arange(e.shape[0]), y] -= 1.0
        e.div_(e.shape[0])
        # true gradient of the output layer
        torch.mm(e.t(), h2, out=l3.weight.grad)
        torch.sum(e, dim=0, out=l3.bias.grad)
        # shared random projection of the error, sliced per hidden layer (both 1024 wide)
        projected = torch.mm(e, feedback)
        for layer, h_in, h_out in ((l2, h1, h2), (l1, x, h1)):
            delta = projected[:, :layer.out_features] * (1.0 - h_out * h_out)
            torch.mm(delta.t(), h_in, out=layer.weight.grad)
            torch.sum(delta, dim=0, out=layer.bias.grad)
    opt.step()


def accuracy(torch, layers, x, y):
    correct = 0
    with torch.no_grad():
        for start in range(0, x.shape[0], EVAL_BATCH):
            xb = x[start:start + EVAL_BATCH]
            h = torch.tanh(layers[0](xb))
            h = torch.tanh(layers[1](h))
            correct += (layers[2](h).argmax(dim=1) == y[start:start + EVAL_BATCH]).sum().item()
    return correct / x.shape[0]


def main(argv):
    args = parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import torch

    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, method {args.method}, threads {torch.get_num_threads()}, "
          f"OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}, batch {args.batch}, lr {args.lr}",
          flush=True)

    train_x, train_y, test_x, test_y = load(args.data)
    n = train_x.shape[0]
    layers = build_model(torch, args.seed)
    for p in layers.parameters():
        p.grad = torch.zeros_like(p)
    opt = torch.optim.Adam(layers.parameters(), lr=args.lr)

    gen = torch.Generator().manual_seed(args.seed)
    feedback = None
    if args.method == "dfa":
        feedback = torch.randn(CLASSES, HIDDEN, generator=gen).div_(HIDDEN ** 0.5)

    rates = []
    for epoch in range(1, args.epochs + 1):
        perm = torch.randperm(n, generator=gen)
        xs, ys = train_x[perm].contiguous(), train_y[perm].contiguous()
        layers.train()
        start = time.perf_counter()
        for b in range(0, n, args.batch):
            xb, yb = xs[b:b + args.batch], ys[b:b + args.batch]
            if feedback is None:
                bp_step(torch, layers, opt, xb, yb)
            else:
                dfa_step(torch, layers, opt, feedback, xb, yb)
        seconds = time.perf_counter() - start
        rate = n / seconds
        acc = accuracy(torch, layers, test_x, test_y)
        tag = " (warm-up)" if epoch == 1 and args.epochs > 1 else ""
        print(f"epoch {epoch}{tag}: {seconds:.2f} s, {rate:.0f} samples/s, test accuracy {acc:.4f}", flush=True)
        if epoch > 1 or args.epochs == 1:
            rates.append(rate)

    mean_rate = sum(rates) / len(rates)
    print(f"result: method={args.method} threads={args.threads} samples/s={mean_rate:.0f} "
          f"(mean of {len(rates)} timed epoch(s))", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
