import CNcursesw
import ReinstateUI
