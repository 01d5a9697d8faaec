def log = new File(basedir, 'build.log').text
assert log.contains('bad.yaml:7: #/paths/~1v3~1plans~1{plan_no}/get: path parameter {plan_no} of /v3/plans/{plan_no} is not declared')
return true
