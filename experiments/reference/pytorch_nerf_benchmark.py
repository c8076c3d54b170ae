#!/usr/bin/env python3
"""PyTorch reference for the NeRF training benchmark: rays/s of BP and DFA on a Blender-format scene.

The same model, sampling, rendering, loss and optimiser as opu-dfa's task nerf, so that its rays/s
can be compared with a well-known CPU implementation on the same machine, back to back.

Data: a Blender-format scene folder (transforms_train.json and RGBA PNGs, e.g. written by
'opu-dfa data nerf --out DIR'); images composited on white at full size (premultiplied colours),
then shrunk by area averaging to --image-size pixels wide (an integer factor).
Rays: through pixel centres, camera looking down -z (x right, y up), unit directions.
Sampling: [near, far] cut into S bins of length d = (far - near)/S; sample i at near + (i + u)d with
u uniform in [0, 1) per sample (training); each sample stands for its bin (length d).
Model (per sample point): positional encoding of the position (raw + sin/cos of 2^k x, k < 10) and
of the direction (k < 4); 4 x (Linear 128, ReLU); density = Linear(128, 1) of the last layer;
feature = ReLU(Linear(128, 128)); view = ReLU(Linear(128 + 27, 64)) of [feature, direction
encoding]; rgb = Linear(64, 3). nn.Linear's default initialisation (U[-1/sqrt(in), 1/sqrt(in))).
Rendering: c = sigmoid(rgb), sigma = relu(density), alpha = 1 - exp(-sigma d), T = exclusive
cumulative product of 1 - alpha, colour = sum T alpha c + (1 - sum T alpha) * 1 (white).
Loss: mean squared error of the ray colours; Adam, lr decaying exponentially to a tenth over the
run's steps.

Methods:
  bp   autograd backpropagation.
  dfa  Direct Feedback Alignment as the nerf task does it by default (feedbackLayout separate,
       splitError true): the error e is the true gradient of the loss at the raw output (rgb,
       density) of every sample point, rows = sample points; the feedback points after every hidden
       layer (the four trunk layers of 128, the feature layer of 128 and the view layer of 64), in
       that order, each take their own slice of one projection e B, where B is a fixed Gaussian
       matrix of 4 x 704 (the sum of their widths) scaled by 1/sqrt(704). The colour branch (the
       feature and view layers) gets the colour error only: B's density row is zero in its 192
       columns. (--whole-error keeps that row, as the task's --no-split-error.) Implemented with
       tensor hooks that replace those gradients, so autograd stops at each feedback point's own
       layer.

Timing: the first --warmup steps are not timed; then the wall-clock time of --steps training steps
(sampling, forward, backward, optimiser step) gives rays/s = steps * batch / seconds.

--threads N sets torch.set_num_threads(N) and, unless already set in the environment,
OPENBLAS_NUM_THREADS and OMP_NUM_THREADS.
"""

import argparse
import json
import math
import os
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="Blender-format scene folder")
    p.add_argument("--method", choices=("bp", "dfa"), default="bp", help="training rule (default bp)")
    p.add_argument("--threads", type=int, default=2, help="intra-op threads (default 2)")
    p.add_argument("--image-size", type=int, default=32, help="image width after shrinking (default 32)")
    p.add_argument("--samples", type=int, default=32, help="samples per ray (default 32)")
    p.add_argument("--near", type=float, default=2.5, help="near distance (default 2.5)")
    p.add_argument("--far", type=float, default=5.5, help="far distance (default 5.5)")
    p.add_argument("--batch", type=int, default=256, help="rays per step (default 256)")
    p.add_argument("--warmup", type=int, default=10, help="untimed steps first (default 10)")
    p.add_argument("--steps", type=int, default=100, help="timed steps (default 100)")
    p.add_argument("--lr", type=float, default=2e-3, help="Adam learning rate (default 2e-3)")
    p.add_argument("--seed", type=int, default=0, help="seed (default 0)")
    p.add_argument("--whole-error", action="store_true",
                   help="dfa: the colour branch gets the whole error's projection, density included")
    args = p.parse_args(argv)
    for name in ("threads", "image_size", "samples", "batch", "steps"):
        if getattr(args, name) < 1:
            p.error(f"--{name.replace('_', '-')} must be at least 1")
    if not args.far > args.near >= 0:
        p.error("--near must be at least 0 and --far beyond it")
    return args


def load_rays(folder, width):
    """Rays (origins, unit directions) and colours on white of the training views."""
    import numpy as np
    import torch
    from PIL import Image
    with open(os.path.join(folder, "transforms_train.json")) as f:
        meta = json.load(f)
    origins, directions, colours = [], [], []
    for frame in meta["frames"]:
        path = os.path.join(folder, frame["file_path"])
        if not os.path.splitext(path)[1]:
            path += ".png"
        rgba = np.asarray(Image.open(path).convert("RGBA"), dtype=np.float64) / 255.0
        h, w = rgba.shape[:2]
        rgb = rgba[..., :3] * rgba[..., 3:] + (1.0 - rgba[..., 3:])
        factor = w // width
        if factor * width != w or h % factor:
            raise SystemExit(f"--image-size {width} must divide the images' size {w}x{h}")
        rgb = rgb.reshape(h // factor, factor, w // factor, factor, 3).mean(axis=(1, 3))
        hh, ww = rgb.shape[:2]
        focal = 0.5 * ww / math.tan(0.5 * meta["camera_angle_x"])
        c2w = np.array(frame["transform_matrix"], dtype=np.float64)
        i, j = np.meshgrid(np.arange(ww) + 0.5, np.arange(hh) + 0.5, indexing="xy")
        cam = np.stack([(i - 0.5 * ww) / focal, -(j - 0.5 * hh) / focal, -np.ones_like(i)], axis=-1)
        d = cam @ c2w[:3, :3].T
        d /= np.linalg.norm(d, axis=-1, keepdims=True)
        origins.append(np.broadcast_to(c2w[:3, 3], d.shape).reshape(-1, 3))
        directions.append(d.reshape(-1, 3))
        colours.append(rgb.reshape(-1, 3))
    cat = lambda xs: torch.tensor(np.concatenate(xs), dtype=torch.float32)
    return cat(origins), cat(directions), cat(colours)


# The widths of the feedback points, in the order of the projection's slices: the trunk's four
# layers, then the colour branch's feature and view layers.
TRUNK_WIDTHS = (128, 128, 128, 128)
COLOUR_WIDTHS = (128, 64)


def encode(x, frequencies):
    import torch
    parts = [x]
    for k in range(frequencies):
        parts.append(torch.sin((2.0 ** k) * x))
        parts.append(torch.cos((2.0 ** k) * x))
    return torch.cat(parts, dim=-1)


def build_model(dfa_hook):
    import torch
    nn = torch.nn

    class Nerf(nn.Module):
        def __init__(self):
            super().__init__()
            self.trunk = nn.ModuleList([nn.Linear(63, 128)] + [nn.Linear(128, 128) for _ in range(3)])
            self.density = nn.Linear(128, 1)
            self.feature = nn.Linear(128, 128)
            self.view = nn.Linear(128 + 27, 64)
            self.rgb = nn.Linear(64, 3)

        def forward(self, points, directions):
            h = encode(points, 10)
            for layer in self.trunk:
                h = dfa_hook(torch.relu(layer(h)))
            sigma = self.density(h)
            f = dfa_hook(torch.relu(self.feature(h)))
            v = dfa_hook(torch.relu(self.view(torch.cat([f, encode(directions, 4)], dim=-1))))
            return torch.cat([self.rgb(v), sigma], dim=-1)

    return Nerf()


def render(raw, rays, samples, delta):
    import torch
    raw = raw.view(rays, samples, 4)
    colour = torch.sigmoid(raw[..., :3])
    alpha = 1.0 - torch.exp(-torch.relu(raw[..., 3]) * delta)
    through = torch.cumprod(torch.cat([torch.ones_like(alpha[:, :1]), 1.0 - alpha[:, :-1]], dim=1), dim=1)
    weights = through * alpha
    return (weights[..., None] * colour).sum(dim=1) + (1.0 - weights.sum(dim=1, keepdim=True))


def main(argv):
    args = parse_args(argv)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(args.threads))
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import torch
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    origins, directions, colours = load_rays(args.data, args.image_size)
    n = origins.shape[0]
    s = args.samples
    delta = (args.far - args.near) / s

    state = {"projection": None, "offset": 0}

    def feedback(t):
        if args.method == "dfa" and t.requires_grad:
            offset, width = state["offset"], t.shape[-1]
            state["offset"] += width
            t.register_hook(lambda g: state["projection"][:, offset:offset + width])
        return t

    model = build_model(feedback)
    feedback_matrix = torch.randn(4, sum(TRUNK_WIDTHS) + sum(COLOUR_WIDTHS)) / math.sqrt(
        sum(TRUNK_WIDTHS) + sum(COLOUR_WIDTHS))
    if not args.whole_error:
        feedback_matrix[3, sum(TRUNK_WIDTHS):] = 0.0
    total = args.warmup + args.steps
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda step: 0.1 ** (step / total))

    def step():
        idx = torch.randint(0, n, (args.batch,))
        o, d, target = origins[idx], directions[idx], colours[idx]
        t = args.near + (torch.arange(s, dtype=torch.float32) + torch.rand(args.batch, s)) * delta
        points = (o[:, None, :] + t[..., None] * d[:, None, :]).reshape(-1, 3)
        dirs = d[:, None, :].expand(-1, s, -1).reshape(-1, 3)
        state["offset"] = 0
        raw = model(points, dirs)
        if args.method == "dfa":
            raw.register_hook(lambda e: state.__setitem__("projection", e @ feedback_matrix) or e)
        loss = torch.mean((render(raw, args.batch, s, delta) - target) ** 2)
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        schedule.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    loss = 0.0
    for _ in range(args.steps):
        loss = step()
    seconds = time.perf_counter() - start
    rays = args.steps * args.batch
    if args.method == "dfa" and state["offset"] != feedback_matrix.shape[1]:
        raise SystemExit(f"the feedback points took {state['offset']} columns of the projection's "
                         f"{feedback_matrix.shape[1]}")
    print(f"method {args.method}, threads {args.threads}, {n} training rays of {args.image_size}-pixel images, "
          f"{s} samples per ray, batches of {args.batch}: {args.steps} steps in {seconds:.2f} s, "
          f"last loss {loss:.5f} (PSNR {-10 * math.log10(loss):.2f} dB)")
    print(f"result: {rays / seconds:.0f} rays/s")


if __name__ == "__main__":
    main(sys.argv[1:])
