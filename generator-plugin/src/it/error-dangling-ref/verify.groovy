def log = new File(basedir, 'build.log').text
assert log.contains("bad.yaml:21: #/paths/~1v3~1applyments/post: \$ref '#/definitions/BankAccountType' points to nothing")
assert log.contains("(the \$ref at #/paths/~1v3~1applyments/post/requestBody/content/application~1json/schema/properties/bank_account_info/allOf/0/properties/bank_account_type/\$ref)")
return true
