#!/usr/bin/env python3
"""The numpy peer of the toy lab's default run, as a researcher would write it (issue 16 targets).

Same computation as the browser's default run: mono3 points augmented by C8 (N = 24), E = 64 members of the MLP
2 -> 64 -> 64 -> 1 (relu, NTK parameterisation, sigma_w^2 = 2, sigma_b = 0.1), full-batch gradient descent with
lr = 0.25 for 2000 steps, the no-augmentation twin trained alongside, and 10 snapshots (steps 0, 1, 2, 3, 5, 10, 30,
100, 300, 1000, 2000 less the first) evaluating both ensembles on the 24 x 64 polar grid and the augmented ensemble on
the 16 x 64 far-field grid. Batched over members with einsum/matmul (OpenBLAS or whatever numpy links).

Prints one JSON line: {"wallSeconds", "stepsSeconds", "snapshotSeconds", "blas"}. Run by `npm run bench` where
python3 and numpy exist (`python3 -c "import numpy"`), skipped otherwise.
"""
import json
import math
import time

import numpy as np

E, WIDTH, DEPTH, LR, STEPS = 64, 64, 2, 0.25, 2000
SIGMA_W, SIGMA_B = math.sqrt(2.0), 0.1
SCHEDULE = [0, 1, 2, 3, 5, 10, 30, 100, 300, 1000, 2000]
POINTS = [((0.8, 0.3), 1.0), ((-0.5, 1.5), 0.0), ((2.3, -0.9), -1.0)]


def augmented(n):
    xs, ys = [], []
    for m in range(n):
        a = 2 * math.pi * m / n
        c, s = math.cos(a), math.sin(a)
        for (x, y), t in POINTS:
            xs.append((c * x - s * y, s * x + c * y))
            ys.append(t)
    return np.array(xs, np.float32), np.array(ys, np.float32)[:, None]


def polar_grid(n_radii, n_angles, r_min, r_max):
    r = np.linspace(r_min, r_max, n_radii)
    t = 2 * np.pi * np.arange(n_angles) / n_angles
    rr, tt = np.meshgrid(r, t, indexing="ij")
    return np.stack([rr * np.cos(tt), rr * np.sin(tt)], -1).reshape(-1, 2).astype(np.float32)


def init(rng):
    sizes = [2] + [WIDTH] * DEPTH + [1]
    return [(rng.standard_normal((E, a, b), dtype=np.float32), rng.standard_normal((E, 1, b), dtype=np.float32)) for a, b in zip(sizes, sizes[1:])]


def forward(params, x):
    """h^{l+1} = s_l phi(h^l) W^l + sigma_b b^l, s_l = sigma_w / sqrt(n_l); returns outputs and the activations."""
    h = x  # [P, 2]: matmul broadcasts it against every member's W^0 [E, 2, n] (a 0-stride copy would skip BLAS)
    acts = []
    for l, (W, b) in enumerate(params):
        inp = h if l == 0 else np.maximum(h, 0)
        acts.append((h, inp))
        h = (SIGMA_W / math.sqrt(W.shape[1])) * (inp @ W) + SIGMA_B * b
    return h, acts


def step(params, x, y):
    out, acts = forward(params, x)
    g = (out - y) / x.shape[0]  # dL/dout for L = 1/(2N) sum (f - y)^2
    new = [None] * len(params)
    for l in range(len(params) - 1, -1, -1):
        W, b = params[l]
        pre, inp = acts[l]
        s = SIGMA_W / math.sqrt(W.shape[1])
        gW = s * np.swapaxes(inp, -1, -2) @ g
        gb = SIGMA_B * g.sum(1, keepdims=True)
        if l > 0:
            g = (s * (g @ np.swapaxes(W, 1, 2))) * (pre > 0)
        new[l] = (W - LR * gW, b - LR * gb)
    return new


def main():
    rng = np.random.default_rng(1)
    Xa, Ya = augmented(8)
    Xp, Yp = augmented(1)
    grid = polar_grid(24, 64, 0.1, 3.0)
    far = polar_grid(16, 64, 0.75, 12.0)
    aug = init(rng)
    twin = [(W.copy(), b.copy()) for W, b in aug]
    snap_s = 0.0
    t0 = time.perf_counter()
    for s in range(1, STEPS + 1):
        aug = step(aug, Xa, Ya)
        twin = step(twin, Xp, Yp)
        if s in SCHEDULE:
            ts = time.perf_counter()
            for p, xs in ((aug, grid), (twin, grid), (aug, far)):
                out, _ = forward(p, xs)
                assert np.isfinite(out).all()
            snap_s += time.perf_counter() - ts
    wall = time.perf_counter() - t0
    cfg = np.show_config(mode="dicts") if "mode" in np.show_config.__code__.co_varnames else {}
    blas = cfg.get("Build Dependencies", {}).get("blas", {}).get("name", "unknown") if isinstance(cfg, dict) else "unknown"
    print(json.dumps({"wallSeconds": wall, "stepsSeconds": wall - snap_s, "snapshotSeconds": snap_s, "blas": f"numpy {np.__version__}, {blas}"}))


if __name__ == "__main__":
    main()
