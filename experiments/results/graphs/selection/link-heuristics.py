"""Link-prediction AUC of simple scores on a generated graph, to see what a graph autoencoder can learn.

Usage (numpy only):
    ./opu-dfa data graph --out graph            # the Cora-like default graph (add --topic-fraction 0.35 ...)
    python3 link-heuristics.py graph/generated  # reads graph/generated.content and graph/generated.cites

For three random 85/5/10 edge splits (as the graph-ae task makes them, though not the same draws), it
scores the test edges against as many random non-edges with: whether the two nodes share their class
(an oracle: the encoder never sees the labels), the product of their training degrees, both together,
the common neighbours in the training graph, the cosine of their word vectors, and the cosine and
inner product of their words after two rounds of the GCN's normalised aggregation (no parameters).
"""
import sys

import numpy as np


def auc(pos, neg):
    """Probability that a positive scores above a negative, ties counting one half."""
    pos = np.asarray(pos, float)[:, None]
    neg = np.asarray(neg, float)[None, :]
    return (pos > neg).mean() + 0.5 * (pos == neg).mean()


def main(prefix):
    ids, words, labels = [], [], []
    for line in open(prefix + ".content"):
        fields = line.rstrip("\n").split("\t")
        ids.append(fields[0])
        words.append([float(v) for v in fields[1:-1]])
        labels.append(fields[-1])
    index = {k: i for i, k in enumerate(ids)}
    x = np.array(words, dtype=np.float32)
    classes = {c: i for i, c in enumerate(sorted(set(labels)))}
    y = np.array([classes[c] for c in labels])
    edges = np.array([[index[a], index[b]] for a, b in (l.split() for l in open(prefix + ".cites"))])
    n, m = len(ids), len(edges)
    share = np.array([np.mean(y == c) for c in range(len(classes))])
    scores = {}
    for seed in range(3):
        rng = np.random.default_rng(seed)
        order = rng.permutation(m)
        test = edges[order[: m // 10]]
        train = edges[order[int(0.15 * m):]]
        present = set(map(tuple, np.sort(edges, 1)))
        negatives = []
        while len(negatives) < len(test):
            a, b = rng.integers(0, n, 2)
            if a != b and (min(a, b), max(a, b)) not in present:
                negatives.append((a, b))
        negatives = np.array(negatives)
        degree = np.bincount(train.ravel(), minlength=n).astype(float)
        adjacency = np.zeros((n, n), np.float32)
        adjacency[train[:, 0], train[:, 1]] = 1
        adjacency[train[:, 1], train[:, 0]] = 1
        two_hop = adjacency @ adjacency
        unit = x / np.linalg.norm(x, axis=1, keepdims=True)
        loops = adjacency + np.eye(n, dtype=np.float32)
        d = 1 / np.sqrt(loops.sum(1))
        normalised = loops * d[:, None] * d[None, :]
        z = normalised @ (normalised @ x)
        z_unit = z / np.linalg.norm(z, axis=1, keepdims=True)

        def same_class(a, b):
            return float(y[a] == y[b])

        def class_and_degree(a, b):
            c = y[a]
            within = 0.7 / share[c] if y[b] == c else 0.3 / (1 - share[c])
            return within * (degree[a] + 1) * (degree[b] + 1)

        kinds = {
            "same class (oracle)": same_class,
            "degree product": lambda a, b: degree[a] * degree[b],
            "same class and degrees (oracle, homophily 0.7)": class_and_degree,
            "common neighbours": lambda a, b: two_hop[a, b],
            "word cosine": lambda a, b: unit[a] @ unit[b],
            "aggregated words, cosine": lambda a, b: z_unit[a] @ z_unit[b],
            "aggregated words, inner product": lambda a, b: z[a] @ z[b],
        }
        for name, f in kinds.items():
            s = auc([f(a, b) for a, b in test], [f(a, b) for a, b in negatives])
            scores.setdefault(name, []).append(s)
    for name, values in scores.items():
        print(f"{name:48s} AUC {np.mean(values):.3f} +- {np.std(values):.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
