// The user's class compiled against the client and runtime whose versions came from the BOM alone.
assert new File(basedir, 'target/classes/com/example/shop/Plans.class').isFile()
return true
