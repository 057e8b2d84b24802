rootProject.name = "BaobaoGrowth"
include(":app")
