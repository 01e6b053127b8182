#!/usr/bin/env bash
# The one prepared call on the device machine (an NVIDIA GPU, no Node, no network):
#   run, carry [".gpu-kit"], timeout_s 480:  bash scripts/gpu-device-run.sh
# after `npm run bench:gpu:kit` here. Finds the NVIDIA Vulkan driver (the kit's on-device.sh looks in three places
# only; failing those, the ICD file is searched for, or written for libGLX_nvidia), runs the kit's benchmark with a
# time limit, and leaves its log and gpu-bench.json in $OUT (the JSON is rewritten after every section, so a run cut
# short still brings back what it measured).
set -u
out=${OUT:-/tmp/gpu-out}; mkdir -p "$out"
f=${VK_ICD_FILENAMES:-}   # a rehearsal names SwiftShader's
[ -z "$f" ] && for c in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  [ -f "$c" ] && f=$c && break
done
[ -z "$f" ] && f=$(find / -xdev -name 'nvidia_icd*.json' 2>/dev/null | head -1)
if [ -z "$f" ]; then
  lib=$(ldconfig -p 2>/dev/null | grep -o '/.*libGLX_nvidia.so.0' | head -1)
  [ -z "$lib" ] && lib=$(find / -xdev -name 'libGLX_nvidia.so.0' 2>/dev/null | head -1)
  printf '{"file_format_version":"1.0.0","ICD":{"library_path":"%s","api_version":"1.3.0"}}' "${lib:-libGLX_nvidia.so.0}" > /tmp/nv_icd.json
  f=/tmp/nv_icd.json
fi
echo "ICD=$f"; cat "$f"; echo
export VK_ICD_FILENAMES=$f VK_DRIVER_FILES=$f
echo "cores: $(nproc)"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1 | tee "$out/nvidia-smi.txt"
OUT=$out timeout "${GPU_BENCH_LIMIT_S:-420}" bash .gpu-kit/on-device.sh > "$out/log.txt" 2>&1
echo "exit $?" >> "$out/log.txt"
tail -60 "$out/log.txt"
