#!/usr/bin/env bash
# `npm run bench:gpu:kit`: build .gpu-kit/ (the layout of ../shared/gpu-kit/prepare.sh, run by its on-device.sh) so
# that bench/gpu-entry.ts runs on the device machine, which has no Node and no network.
#
# Why not the shared prepare.sh as is: on this 2-core machine it did not finish within 500 s. Three causes, each
# fixed here:
#   - it compresses the 99 MB Node binary with `xz -6` on every build (minutes under load): here `xz -1` (the kit
#     stays well under the 64 MiB carry limit) and the result is cached by the binary's hash, so a rebuild only
#     re-bundles the entry (seconds);
#   - it fetches esbuild with `npx --yes esbuild@…` and the Vulkan loader with `apt-get download` (network; either
#     can stall): here the project's own esbuild and the loader Chromium ships, /usr/lib/chromium/libvulkan.so.1;
#   - it appends to .git/info/exclude, which a git worktree does not have (.git is a file): here the project's
#     .gitignore lists /.gpu-kit/ instead.
# Usage: bash scripts/build-gpu-kit.sh [entry.ts]   (default bench/gpu-entry.ts)
set -euo pipefail
entry=${1:-bench/gpu-entry.ts}
kit=.gpu-kit
shared=${SYMLAB_GPU_KIT:-../shared/gpu-kit}
[ -f "$shared/on-device.sh" ] || shared=/work/shared/gpu-kit

cache=${XDG_CACHE_HOME:-$HOME/.cache}/symlab-gpu-kit
mkdir -p "$cache"
# Compress once per binary; keyed by content so a different Node or Dawn is never served stale.
cached_xz() {
  local src=$1 key
  key=$(sha256sum "$src" | cut -c1-16)
  if [ ! -s "$cache/$key.xz" ]; then
    xz -T0 -1 -c "$src" > "$cache/$key.xz.tmp" && mv "$cache/$key.xz.tmp" "$cache/$key.xz"
  fi
  echo "$cache/$key.xz"
}

rm -rf "$kit"; mkdir -p "$kit/node_modules/webgpu/dist/linux-x64" "$kit/lib"
cp "$(cached_xz "$(readlink -f "$(command -v node)")")" "$kit/node.xz"
cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$kit/node_modules/webgpu/"
cp "$(cached_xz node_modules/webgpu/dist/linux-x64/dawn.node)" "$kit/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
if [ -f /usr/lib/chromium/libvulkan.so.1 ]; then
  cp -L /usr/lib/chromium/libvulkan.so.1 "$kit/lib/"
else
  cp -L /usr/lib/x86_64-linux-gnu/libvulkan.so.1 "$kit/lib/" 2>/dev/null || echo "warning: no libvulkan.so.1 packed" >&2
fi
# The entry compares the GPU's default run with the same run on a CPU, bundled from this file.
[ -s bench/results/gpu-reference.json ] || npm run --silent bench:gpu:reference
node_modules/.bin/esbuild "$entry" --bundle --minify --platform=node --format=esm --target=node20 \
  --external:webgpu --outfile="$kit/entry.mjs" --log-level=warning \
  --banner:js="import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);"
cp "$shared/on-device.sh" "$kit/"
du -sh "$kit"
echo "device: carry [\".gpu-kit\"], timeout_s 480, command: bash scripts/gpu-device-run.sh"
echo "rehearse here: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json BENCH_REHEARSAL=1 bash scripts/gpu-device-run.sh"
