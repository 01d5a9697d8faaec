def log = new File(basedir, 'build.log').text
assert log.contains('bad.yaml:7: #/paths/~1v3~1merchant~1forms~1submit/post: application/x-www-form-urlencoded bodies are not supported')
assert log.contains('set lenient=true')
return true
