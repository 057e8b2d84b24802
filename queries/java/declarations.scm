; Declaration-level facts of a Java file, read before bodies are lowered.

(package_declaration
  [(identifier) (scoped_identifier)] @package.name)

(import_declaration
  [(identifier) (scoped_identifier)] @import.path) @import
