def log = new File(basedir, 'build.log').text
assert log.contains("bad.yaml:14: #/paths/~1v3~1plans/post: \$ref '#/components/schemas/CreatePlanRequest' points to a schema that does not exist")
return true
