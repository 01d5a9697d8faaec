// A user's modular application: it names the client and the runtime by their stable module names
// (automatic modules: their jars carry Automatic-Module-Name).
module dev.wxpay.it.modularapp {
    requires dev.wxpay.payscore;
    requires dev.wxpay.runtime;
}
