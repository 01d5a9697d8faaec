def log = new File(basedir, 'build.log').text
assert log.contains('bad.yaml:7: #/paths/~1v3~1merchant~1media~1upload/post: form and multipart bodies (media uploads) are not supported')
assert log.contains('set lenient=true')
return true
