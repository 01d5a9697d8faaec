def log = new File(basedir, 'build.log').text
assert log.contains('bad.yaml:12:6: YAML syntax error')
assert log.contains('fix the indentation or quoting there')
return true
