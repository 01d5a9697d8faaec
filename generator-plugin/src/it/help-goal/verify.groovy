def log = new File(basedir, 'build.log').text
// The goals, each with its description, and the parameters of generate with their user properties.
assert log.contains('wxpay:generate')
assert log.contains('wxpay:help')
assert log.contains('Generates a typed WeChat Pay client')
['inputSpec', 'products', 'includes', 'excludes', 'packageName', 'outputDirectory', 'templateDirectory',
        'lenient', 'modelDump'].each {
    assert log.contains("  ${it}") : "help -Ddetail does not describe ${it}"
}
assert log.contains('User property: wxpay.inputSpec')
assert log.contains('BUILD SUCCESS')
return true
