// class-transformer keeps its @Type() metadata in this module (the one @nestjs/mapped-types reads
// too) but ships no typings for the path.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: import('class-transformer/types/MetadataStorage').MetadataStorage;
}
