// Shared constants, imported by the examples: shapegrad reads them across files.
export const IMAGE_SIZE = 28;
export const NUM_CLASSES = 10;
export const IMAGE_SHAPE = [IMAGE_SIZE, IMAGE_SIZE, 1];
