// Every line of the build comes from Maven itself or from the plugin's own reporting ("wxpay-codegen: ..."): no line
// in OpenAPI Generator's or Swagger Parser's words, no [ERROR], nothing printed outside Maven's log.
def mavenOwn = [
    ~/\[INFO\] Scanning for projects\.\.\./,
    ~/\[INFO\] Error stacktraces are turned on\./,
    ~/\[INFO\] -+/,
    ~/\[INFO\] -*< dev\.wxpay\.it:no-bare-log-lines >-*/,
    ~/\[INFO\] Building no-bare-log-lines 1\.0/,
    ~/\[INFO\] -+\[ jar \]-+/,
    ~/\[INFO\] --- wxpay-maven-plugin:[^ ]+:generate \(default\) @ no-bare-log-lines ---/,
    ~/\[INFO\] BUILD SUCCESS/,
    ~/\[INFO\] Total time: .*/,
    ~/\[INFO\] Finished at: .*/,
    ~/\[INFO\] */,
]
def ours = ~/\[(INFO|WARNING)\] wxpay-codegen: .*/
def log = new File(basedir, 'build.log')
// Maven colours nothing in batch mode but may still reset the colour once: compare the text without escapes.
// The invoker appends its own "Running post-build script" line to build.log: the build is what comes before it.
def build = log.readLines().takeWhile { !it.startsWith('Running post-build script') }
def foreign = build.collect { it.replaceAll(/\u001B\[[0-9;]*m/, '') }.findAll { line ->
    !line.isEmpty() && !(line ==~ ours) && !mavenOwn.any { line ==~ it }
}
assert foreign.isEmpty() : "lines not from Maven or the plugin's reporting:\n" + foreign.take(20).join('\n')
def text = log.text
assert !text.contains('[ERROR]')
// The run did meet what used to be logged bare: now located, in our words.
assert text =~ /\[WARNING\] wxpay-codegen: (classpath:)?wxpay\/v3\/applyment4sub\.yaml(:\d+)?: #\/paths\/[^ ]+: format 'uint64' is not a number format/
// (The bundled spec no longer holds a Swagger 2.0 $ref to nothing: DanglingRefTest covers that warning.)
assert text =~ /\[WARNING\] wxpay-codegen: (classpath:)?wxpay\/v3\/brand\.yaml(:\d+)?: #[^ ]+: format 'integer' is not a number format/
assert text.contains('[INFO] wxpay-codegen: 4 products, ')
return true
