# Writes a C++ file holding every migration's SQL, in file-name order: the EmbeddedMigrations()
# of storage/<BACKEND>/migrations.hpp.
# Called by the build with -DOUT=<file.cpp> -DBACKEND=<sqlite|postgres> -DFILES=<a.sql|b.sql>.
string(REPLACE "|" ";" FILES "${FILES}")
set(body "// Generated from storage/${BACKEND}/migrations/*.sql; do not edit.\n")
string(APPEND body "#include \"storage/${BACKEND}/migrations.hpp\"\n\nnamespace escbot::storage::${BACKEND} {\n\n")
string(APPEND body "const std::vector<Migration>& EmbeddedMigrations() {\n    static const std::vector<Migration> kAll = {\n")
foreach(file IN LISTS FILES)
  get_filename_component(name ${file} NAME_WE)
  string(REGEX MATCH "^[0-9]+" digits ${name})
  math(EXPR number "${digits}")  # decimal: "0008" must not become octal
  file(READ ${file} sql)
  string(APPEND body "        {${number}, \"${name}\", R\"__sql__(${sql})__sql__\"},\n")
endforeach()
string(APPEND body "    };\n    return kAll;\n}\n\n}  // namespace escbot::storage::${BACKEND}\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
