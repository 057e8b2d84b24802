rootProject.name = "KuaiChe"
include(":app")
