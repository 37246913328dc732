# Writes tiny.safetensors with the reference implementation (pip install safetensors numpy;
# the committed file came from safetensors 0.8.0, numpy 2.4.6). file_test.ts reads it back.
import numpy as np
from safetensors.numpy import save_file

tensors = {
    "layers[0].w": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "layers[0].b": np.array([0.5, -0.25], dtype=np.float32),
    "scale": np.array(2.0**0.5, dtype=np.float64),
}
metadata = {
    "shapeflow.step": "42",
    "shapeflow.prng_key": "[0, 7]",
    "format": "np",
    "writer": "python safetensors 0.8.0",
}
save_file(tensors, "tiny.safetensors", metadata=metadata)
