def log = new File(basedir, 'build.log').text
assert log.contains('duplicate operationId getPlan at ')
assert log.contains('bad.yaml:8: #/paths/~1v3~1plans/get/operationId and ')
assert log.contains('bad.yaml:14: #/paths/~1v3~1plans~1current/get/operationId')
return true
