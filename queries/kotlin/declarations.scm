; Declaration-level facts of a Kotlin file, read before bodies are lowered.

(package_header
  (identifier) @package.name)

(import_list
  (import_header
    (identifier) @import.path) @import)

(import_header
  (identifier) @import.path) @import
